import { z } from 'zod';

/**
 * The public `protokoll/1` interchange format (see CONTRACT.md). Field names and meanings are fixed;
 * new optional fields may be added, none renamed or removed without a new `schema` value.
 */

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const isoDateOrMonth = z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, 'YYYY-MM or YYYY-MM-DD');

export const SOURCE_FORMATS = ['txt', 'md', 'pdf', 'docx', 'html'] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

export const SourceSchema = z.object({
  name: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  format: z.enum(SOURCE_FORMATS),
});
export type Source = z.infer<typeof SourceSchema>;

export const ParticipantSchema = z.object({
  name: z.string().min(1),
  organization: z.string().nullable(),
  role: z.string().nullable(),
  from: hhmm.nullable(),
  to: hhmm.nullable(),
  note: z.string().nullable(),
});
export type Participant = z.infer<typeof ParticipantSchema>;

export const ASSIGNMENT_ROLE_GROUP = 'group';

export const AssignmentSchema = z.object({
  assignees: z.array(z.string()),
  task: z.string(),
  due: isoDateOrMonth.nullable(),
  dueText: z.string().nullable(),
});
export type Assignment = z.infer<typeof AssignmentSchema>;

export const DECISION_KINDS = ['information', 'approval', 'assignment', 'referral', 'rejection', 'other'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

export const DecisionSchema = z.object({
  text: z.string().min(1),
  kind: z.enum(DECISION_KINDS),
  assignments: z.array(AssignmentSchema),
});
export type Decision = z.infer<typeof DecisionSchema>;

export const ReferralSchema = z.object({
  to: z.string().nullable(),
  date: isoDateOrMonth.nullable(),
  text: z.string(),
});
export type Referral = z.infer<typeof ReferralSchema>;

export const ItemSchema = z.object({
  number: z.string().nullable(),
  title: z.string(),
  presenters: z.array(z.string()),
  text: z.string(),
  decisions: z.array(DecisionSchema),
  referral: ReferralSchema.nullable(),
});
export type Item = z.infer<typeof ItemSchema>;

export const AdjournmentSchema = z.object({ from: hhmm.nullable(), to: hhmm.nullable() });
export type Adjournment = z.infer<typeof AdjournmentSchema>;

export const SIGNATURE_ROLES = ['chair', 'secretary', 'adjuster', 'other'] as const;
export type SignatureRole = (typeof SIGNATURE_ROLES)[number];

export const SignatureSchema = z.object({
  role: z.enum(SIGNATURE_ROLES),
  title: z.string().nullable(),
  name: z.string().nullable(),
});
export type Signature = z.infer<typeof SignatureSchema>;

export const WarningSchema = z.object({
  code: z.string(),
  message: z.string(),
  line: z.number().int().positive().nullable(),
});
export type Warning = z.infer<typeof WarningSchema>;

export const ProtocolDocumentSchema = z.object({
  schema: z.literal('protokoll/1'),
  source: SourceSchema,
  body: z.string().nullable(),
  organization: z.string().nullable(),
  number: z.string().nullable(),
  date: isoDate.nullable(),
  start: hhmm.nullable(),
  end: hhmm.nullable(),
  place: z.string().nullable(),
  present: z.array(ParticipantSchema),
  absent: z.array(ParticipantSchema),
  guests: z.array(ParticipantSchema),
  items: z.array(ItemSchema),
  adjournments: z.array(AdjournmentSchema),
  signatures: z.array(SignatureSchema),
  warnings: z.array(WarningSchema),
});
export type ProtocolDocument = z.infer<typeof ProtocolDocumentSchema>;

export const SCHEMA_ID = 'protokoll/1';
