import { z } from 'zod';
import {
  AdjournmentSchema,
  AssignmentSchema,
  DECISION_KINDS,
  DecisionSchema,
  ItemSchema,
  ParticipantSchema,
  ProtocolDocumentSchema,
  ReferralSchema,
  SignatureSchema,
  SourceSchema,
  WarningSchema,
} from '../../domain/document.js';
import { SEARCH_RESULT_TYPES } from '../../store/search-reader.js';

/*
 * The API's parameter and response schemas. Responses are named components of the OpenAPI document (see
 * `API_COMPONENTS`); field names follow the CLI's `--json` output (docs/cli-json.md) so that one vocabulary serves
 * both, and ids are the archive's deterministic ids.
 */

const count = z.number().int().nonnegative();
const nullableString = z.string().nullable();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const path = z.string().describe('Absolute path of a related resource');

// ---- parameters ----------------------------------------------------------------------------------------------

export const idParam = (prefix: string, what: string) =>
  z.object({
    id: z
      .string()
      .regex(new RegExp(`^${prefix}_[0-9a-z]+$`), `expected an id like ${prefix}_…`)
      .describe(`The ${what}'s id (${prefix}_…)`),
  });

/** YYYY, YYYY-MM or YYYY-MM-DD; a bound is inclusive and widened to the whole year or month. */
export const dateBoundParam = (side: 'from' | 'to') =>
  z
    .string()
    .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'expected YYYY, YYYY-MM or YYYY-MM-DD')
    .describe(`Meetings dated ${side === 'from' ? 'on or after' : 'on or before'} this day, month or year`);

export const yearParam = z.coerce.number().int().min(1000).max(9999).describe('Meetings of this calendar year');
export const bodyParam = z
  .string()
  .min(1)
  .describe('Meetings of bodies whose name contains this (case and accents ignored), e.g. "kommundirektör"');

/** `true`/`false` (also `1`/`0`); `z.coerce.boolean` would read "false" as true. */
export const booleanParam = (description: string) =>
  z
    .enum(['true', 'false', '1', '0'])
    .transform((v) => v === 'true' || v === '1')
    .describe(description);

export const MAX_PAGE = 100;
export const pageParams = {
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(20).describe(`Page size, 1–${MAX_PAGE}`),
  offset: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0).describe('Results to skip'),
};

export const orderParam = z
  .enum(['asc', 'desc'])
  .default('desc')
  .describe('By meeting date: newest first (desc, default) or oldest first');

// ---- shared response parts -------------------------------------------------------------------------------------

export const PageLinksSchema = z.object({
  self: path,
  next: path.nullable().describe('The next page, or null on the last page'),
  prev: path.nullable().describe('The previous page, or null on the first page'),
});

/** A page of `item`s: `data` with the total over every page and links to the neighbours. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ total: count, limit: count, offset: count, links: PageLinksSchema, data: z.array(item) });
}

const referral = z.object({ to: nullableString, date: nullableString, text: nullableString });

// ---- meetings ----------------------------------------------------------------------------------------------------

export const MeetingSummarySchema = z.object({
  id: z.string(),
  body: nullableString,
  organization: nullableString,
  number: nullableString,
  date: isoDate.nullable(),
  place: nullableString,
  items: count,
  decisions: count,
  present: count,
  links: z.object({ self: path.describe('The protokoll/1 document'), meta: path }),
});

export const MeetingMetaSchema = z.object({
  id: z.string(),
  body: nullableString,
  organization: nullableString,
  number: nullableString,
  date: isoDate.nullable(),
  start: nullableString,
  end: nullableString,
  place: nullableString,
  counts: z.object({
    items: count,
    decisions: count,
    assignments: count,
    present: count,
    absent: count,
    guests: count,
    warnings: count,
  }),
  corrections: count.describe(
    'Manual corrections applied to the archive (item, decision and assignment resources); the document is the ' +
      'protocol as read',
  ),
  documents: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      sha256: z.string(),
      format: z.string(),
      status: z.enum(['primary', 'duplicate']),
      parserVersion: z.string(),
      importedAt: z.string(),
      updatedAt: z.string(),
    }),
  ),
  flags: z.array(z.object({ id: z.string(), kind: z.string(), subjectId: z.string(), details: z.unknown() })),
  links: z.object({ document: path, items: path, decisions: path, assignments: path }),
});

// ---- items and decisions -----------------------------------------------------------------------------------------

export const ItemSummarySchema = z.object({
  id: z.string(),
  meetingId: z.string(),
  date: isoDate.nullable(),
  body: nullableString,
  meetingNumber: nullableString,
  number: nullableString,
  title: z.string(),
  presenters: z.array(z.string()),
  referral: referral.nullable(),
  decisions: count,
  links: z.object({ self: path, meeting: path }),
});

export const ASSIGNMENT_STATUSES = ['open', 'reported', 'done', 'cancelled'] as const;

export const ItemDetailSchema = ItemSummarySchema.omit({ decisions: true }).extend({
  text: z.string(),
  decisions: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(DECISION_KINDS),
      text: z.string(),
      assignments: z.array(
        z.object({
          id: z.string(),
          assignees: z.array(z.string()),
          task: z.string(),
          due: nullableString,
          dueText: nullableString,
          status: z.enum(ASSIGNMENT_STATUSES),
          overdue: z.boolean(),
        }),
      ),
    }),
  ),
});

export const DecisionSummarySchema = z.object({
  id: z.string(),
  meetingId: z.string(),
  itemId: z.string(),
  date: isoDate.nullable(),
  body: nullableString,
  organization: nullableString,
  itemNumber: nullableString,
  itemTitle: z.string(),
  kind: z.enum(DECISION_KINDS),
  text: z.string(),
  assignments: count,
  links: z.object({ self: path, item: path, meeting: path }),
});

// ---- follow-up -----------------------------------------------------------------------------------------------------

export const FollowUpLinkSchema = z.object({
  id: z.string(),
  kind: z.enum(['report-back', 'referral']),
  status: z.enum(['suggested', 'confirmed', 'rejected']),
  score: z.number(),
  evidence: z.unknown(),
  targetItemId: z.string(),
  targetMeetingId: z.string(),
  targetDate: nullableString,
  targetTitle: nullableString,
  note: nullableString,
});

export const AssignmentSummarySchema = z.object({
  id: z.string(),
  meetingId: z.string(),
  date: isoDate.nullable(),
  body: nullableString,
  itemId: z.string(),
  itemNumber: nullableString,
  itemTitle: z.string(),
  decisionId: z.string(),
  decision: z.string(),
  task: z.string(),
  assignees: z.array(z.object({ name: z.string(), personId: nullableString, organisationId: nullableString })),
  due: nullableString,
  dueText: nullableString,
  status: z.enum(ASSIGNMENT_STATUSES),
  overdue: z.boolean().describe("Open and past its due date (a month's end when only the month is known)"),
  note: nullableString,
  reportedBack: FollowUpLinkSchema.nullable(),
  suggestions: z.array(FollowUpLinkSchema),
  links: z.object({ item: path, meeting: path }),
});

// ---- registry ----------------------------------------------------------------------------------------------------

export const PersonSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  meetings: count.describe('Meetings the person was listed at (present, absent or guest)'),
  firstDate: isoDate.nullable(),
  lastDate: isoDate.nullable(),
  links: z.object({ self: path }),
});

export const MembershipSchema = z.object({
  organisationId: z.string(),
  organisation: z.string(),
  organisationKind: z.string(),
  role: z.string().describe('"member", or the guest role'),
  firstMeetingId: z.string(),
  firstDate: isoDate.nullable(),
  lastMeetingId: z.string(),
  lastDate: isoDate.nullable(),
  meetings: count,
  present: count,
});

export const PersonDetailSchema = PersonSummarySchema.extend({
  spellings: z.array(z.string()),
  memberships: z.array(MembershipSchema),
});

export const OrganisationSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  code: nullableString,
  parentId: nullableString,
  links: z.object({ self: path }),
});

export const OrganisationDetailSchema = OrganisationSummarySchema.extend({
  parent: z.object({ id: z.string(), name: z.string() }).nullable(),
  representatives: z
    .array(
      z.object({
        personId: z.string(),
        name: z.string(),
        role: z.string(),
        firstMeetingId: z.string(),
        firstDate: isoDate.nullable(),
        lastMeetingId: z.string(),
        lastDate: isoDate.nullable(),
        meetings: count,
        present: count,
      }),
    )
    .describe('Who represented the organisation, from their first to their last meeting'),
  attendance: z.object({
    year: z.number().int().nullable(),
    meetingsWithAttendance: count,
    present: count.describe('Meetings where someone of the organisation was present'),
    absent: count.describe('Meetings where it was listed absent and nobody of it was present'),
    rate: z.number().nullable().describe('present / meetingsWithAttendance; null when no meeting has attendance'),
  }),
});

// ---- search and statistics -----------------------------------------------------------------------------------------

const facet = z.array(z.object({ value: z.string(), count }));

export const SearchHitSchema = z.object({
  type: z.enum(SEARCH_RESULT_TYPES),
  id: z.string(),
  meetingId: nullableString,
  date: nullableString,
  body: nullableString,
  meetingNumber: nullableString,
  itemNumber: nullableString,
  decisionKind: nullableString,
  title: z.string(),
  titleHtml: z.string().describe('The title, HTML-escaped, matches in <mark>'),
  titleMarked: z.string().describe('The title with matches between « and »'),
  snippet: z.string(),
  snippetHtml: z.string(),
  score: z.number(),
});

export const SearchResultSchema = z.object({
  query: z.string(),
  filters: z
    .object({
      types: z.array(z.enum(SEARCH_RESULT_TYPES)).readonly().optional(),
      bodyKey: z.string().optional(),
      from: z.string().optional(),
      to: z.string().optional(),
      personIds: z.array(z.string()).readonly().optional(),
      organisationIds: z.array(z.string()).readonly().optional(),
      decisionKind: z.enum(DECISION_KINDS).optional(),
      openAssignments: z.boolean().optional(),
      publishedOnly: z.boolean().optional(),
    })
    .describe('The filters as resolved (names to ids, dates to days)'),
  total: count,
  offset: count,
  limit: count,
  counts: z.object({
    total: count,
    capped: z
      .boolean()
      .describe(
        'More results match than one search ranks and counts (1,000): total and facets cover the newest 1,000; ' +
          'filters narrow the search before that limit.',
      ),
    types: facet,
    years: facet,
    bodies: facet,
    decisionKinds: facet,
  }),
  hits: z.array(SearchHitSchema),
  timeline: z.array(z.object({ year: z.string(), count, hits: z.array(SearchHitSchema) })).optional(),
  links: PageLinksSchema,
});

const rate = z.object({
  id: z.string(),
  name: z.string(),
  present: count,
  absent: count,
  meetings: count,
  rate: z.number().nullable(),
});
const yearCount = z.array(z.object({ year: z.string(), count }));

export const StatsSchema = z.object({
  year: z.number().int().nullable(),
  meetingsHeld: count,
  meetingsPerYear: yearCount,
  itemsPerYear: yearCount,
  decisionsByKind: z.array(z.object({ kind: z.string(), count })),
  attendance: z.object({ meetingsWithAttendance: count, municipalities: z.array(rate), persons: z.array(rate) }),
});

export const OpenApiSchema = z
  .object({ openapi: z.literal('3.1.0') })
  .catchall(z.unknown())
  .describe('This document');

export const MeetingPageSchema = pageOf(MeetingSummarySchema);
export const ItemPageSchema = pageOf(ItemSummarySchema);
export const DecisionPageSchema = pageOf(DecisionSummarySchema);
export const AssignmentPageSchema = pageOf(AssignmentSummarySchema);
export const PersonPageSchema = pageOf(PersonSummarySchema);
export const OrganisationPageSchema = pageOf(OrganisationSummarySchema);

/** Every named schema of the API, in the order they appear in the OpenAPI document. */
export const API_COMPONENTS: ReadonlyArray<readonly [string, z.ZodType, string?]> = [
  ['ProtocolDocument', ProtocolDocumentSchema, 'One protocol in the public protokoll/1 format, as read and stored'],
  ['ProtocolSource', SourceSchema],
  ['ProtocolParticipant', ParticipantSchema],
  ['ProtocolItem', ItemSchema],
  ['ProtocolDecision', DecisionSchema],
  ['ProtocolAssignment', AssignmentSchema],
  ['ProtocolReferral', ReferralSchema],
  ['ProtocolAdjournment', AdjournmentSchema],
  ['ProtocolSignature', SignatureSchema],
  ['ProtocolWarning', WarningSchema],
  ['PageLinks', PageLinksSchema],
  ['MeetingSummary', MeetingSummarySchema],
  ['MeetingPage', MeetingPageSchema],
  ['MeetingMeta', MeetingMetaSchema],
  ['ItemSummary', ItemSummarySchema],
  ['ItemPage', ItemPageSchema],
  ['ItemDetail', ItemDetailSchema],
  ['DecisionSummary', DecisionSummarySchema],
  ['DecisionPage', DecisionPageSchema],
  ['FollowUpLink', FollowUpLinkSchema],
  ['AssignmentSummary', AssignmentSummarySchema],
  ['AssignmentPage', AssignmentPageSchema],
  ['PersonSummary', PersonSummarySchema],
  ['PersonPage', PersonPageSchema],
  ['Membership', MembershipSchema],
  ['PersonDetail', PersonDetailSchema],
  ['OrganisationSummary', OrganisationSummarySchema],
  ['OrganisationPage', OrganisationPageSchema],
  ['OrganisationDetail', OrganisationDetailSchema],
  ['SearchHit', SearchHitSchema],
  ['SearchResult', SearchResultSchema],
  ['Stats', StatsSchema],
  ['OpenApiDocument', OpenApiSchema],
];
