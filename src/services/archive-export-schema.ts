import { z } from 'zod';
import { ProtocolDocumentSchema } from '../domain/document.js';

/** The `schema` value of a whole-archive JSON export. */
export const ARCHIVE_EXPORT_SCHEMA = 'protokoll-archive/1';

const nullable = z.string().nullable();

/** What restore needs from an export (other fields, such as `meetings`, are informative and ignored). */
export const ArchiveExportSchema = z.object({
  schema: z.literal(ARCHIVE_EXPORT_SCHEMA),
  exportedAt: z.string(),
  organisations: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: z.string(),
      code: nullable,
      parentId: nullable,
      createdAt: z.string(),
    }),
  ),
  organisationVariants: z.array(z.object({ matchKey: z.string(), organisationId: z.string() })),
  persons: z.array(z.object({ id: z.string(), name: z.string(), createdAt: z.string() })),
  personAliases: z.array(
    z.object({
      matchKey: z.string(),
      organisationId: z.string(),
      personId: z.string(),
      spelling: z.string(),
      source: z.enum(['auto', 'manual']),
    }),
  ),
  corrections: z.array(
    z.object({
      targetId: z.string(),
      field: z.string(),
      meetingId: z.string(),
      value: z.unknown(),
      createdAt: z.string(),
      createdBy: z.string(),
    }),
  ),
  assignmentStates: z.array(
    z.object({
      assignmentId: z.string(),
      status: z.enum(['open', 'reported', 'done', 'cancelled']),
      note: nullable,
      changedAt: z.string(),
      changedBy: z.string(),
    }),
  ),
  followUpLinks: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['report-back', 'referral']),
      sourceId: z.string(),
      sourceMeetingId: z.string(),
      targetItemId: z.string(),
      targetMeetingId: z.string(),
      score: z.number(),
      evidence: z.unknown(),
      status: z.enum(['suggested', 'confirmed', 'rejected']),
      decidedAt: nullable,
      decidedBy: nullable,
      note: nullable,
    }),
  ),
  /** Which meetings secretaries published or hid (absent in exports before it was added: all published). */
  publication: z
    .array(z.object({ meetingId: z.string(), published: z.boolean(), changedAt: z.string(), changedBy: z.string() }))
    .default([]),
  documents: z.array(
    z.object({
      id: z.string(),
      sha256: z.string(),
      name: z.string(),
      format: z.string(),
      status: z.enum(['primary', 'duplicate']),
      parserVersion: z.string(),
      importedAt: z.string(),
      updatedAt: z.string(),
      text: z.string(),
      bytes: z.string(),
      document: ProtocolDocumentSchema,
    }),
  ),
});
export type ArchiveExport = z.infer<typeof ArchiveExportSchema>;
