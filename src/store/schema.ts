import type { Generated, Insertable, Selectable } from 'kysely';

/**
 * The archive's tables as Kysely sees them (camelCase here, snake_case in SQL through CamelCasePlugin). Every
 * adapter (SQLite now, PostgreSQL later) creates these tables in its own migrations; services and the search
 * indexer only ever see this shape.
 *
 * Rows derived from a protocol (meetings … warnings) are rebuilt on re-import and carry deterministic ids made
 * from natural keys. Manual state (person aliases, corrections, assignment states, decided follow-up links) lives
 * in tables that re-imports never clear, keyed by those same ids.
 */
export interface ArchiveSchema {
  documents: DocumentsTable;
  meetings: MeetingsTable;
  participants: ParticipantsTable;
  items: ItemsTable;
  decisions: DecisionsTable;
  assignments: AssignmentsTable;
  assignmentAssignees: AssignmentAssigneesTable;
  signatures: SignaturesTable;
  adjournments: AdjournmentsTable;
  warnings: WarningsTable;
  persons: PersonsTable;
  personAliases: PersonAliasesTable;
  organisations: OrganisationsTable;
  organisationVariants: OrganisationVariantsTable;
  memberships: MembershipsView;
  assignmentStates: AssignmentStatesTable;
  followupLinks: FollowupLinksTable;
  relinkQueue: { meetingId: string };
  flags: FlagsTable;
  corrections: CorrectionsTable;
  auditLog: AuditLogTable;
  users: UsersTable;
  authSessions: AuthSessionsTable;
  meetingPublication: MeetingPublicationTable;
}

export interface DocumentsTable {
  id: string;
  sha256: string;
  name: string;
  format: string;
  bytes: Uint8Array;
  text: string;
  documentJson: string;
  parserVersion: string;
  meetingId: string | null;
  /** `primary` feeds the meeting's rows; `duplicate` is a second file for a meeting already in the archive. */
  status: 'primary' | 'duplicate';
  importedAt: string;
  updatedAt: string;
}

export interface MeetingsTable {
  id: string;
  naturalKey: string;
  documentId: string;
  body: string | null;
  organization: string | null;
  number: string | null;
  date: string | null;
  startTime: string | null;
  endTime: string | null;
  place: string | null;
}

export type ParticipantList = 'present' | 'absent' | 'guest';

export interface ParticipantsTable {
  id: string;
  meetingId: string;
  list: ParticipantList;
  position: number;
  name: string;
  organization: string | null;
  role: string | null;
  fromTime: string | null;
  toTime: string | null;
  note: string | null;
  isGroup: number;
  personId: string | null;
  organisationId: string | null;
}

export interface ItemsTable {
  id: string;
  meetingId: string;
  position: number;
  naturalKey: string;
  number: string | null;
  title: string;
  text: string;
  presentersJson: string;
  referralTo: string | null;
  referralDate: string | null;
  referralText: string | null;
}

export interface DecisionsTable {
  id: string;
  itemId: string;
  meetingId: string;
  position: number;
  text: string;
  kind: string;
}

export interface AssignmentsTable {
  id: string;
  decisionId: string;
  itemId: string;
  meetingId: string;
  position: number;
  task: string;
  due: string | null;
  dueText: string | null;
}

export interface AssignmentAssigneesTable {
  assignmentId: string;
  position: number;
  name: string;
  personId: string | null;
  organisationId: string | null;
}

export interface SignaturesTable {
  meetingId: string;
  position: number;
  role: string;
  title: string | null;
  name: string | null;
  personId: string | null;
}

export interface AdjournmentsTable {
  meetingId: string;
  position: number;
  fromTime: string | null;
  toTime: string | null;
}

export interface WarningsTable {
  documentId: string;
  position: number;
  code: string;
  message: string;
  line: number | null;
}

export interface PersonsTable {
  id: string;
  name: string;
  createdAt: string;
}

/** Maps a folded spelling (optionally only within one organisation, for namesakes) to a person. */
export interface PersonAliasesTable {
  matchKey: string;
  /** '' for "any organisation"; an organisation id when a split made the name ambiguous. */
  organisationId: string;
  personId: string;
  spelling: string;
  source: 'auto' | 'manual';
}

export interface OrganisationsTable {
  id: string;
  name: string;
  kind: string;
  code: string | null;
  parentId: string | null;
  createdAt: string;
}

export interface OrganisationVariantsTable {
  matchKey: string;
  organisationId: string;
}

/** A view: one row per person, organisation and role, from the attendance lists. */
export interface MembershipsView {
  personId: string;
  organisationId: string;
  role: string;
  firstMeetingId: string;
  firstDate: string | null;
  lastMeetingId: string;
  lastDate: string | null;
  meetings: number;
  present: number;
}

export type AssignmentStatus = 'open' | 'reported' | 'done' | 'cancelled';

export interface AssignmentStatesTable {
  assignmentId: string;
  status: AssignmentStatus;
  note: string | null;
  changedAt: string;
  changedBy: string;
}

export type LinkKind = 'report-back' | 'referral';
export type LinkStatus = 'suggested' | 'confirmed' | 'rejected';

export interface FollowupLinksTable {
  id: string;
  kind: LinkKind;
  sourceId: string;
  sourceMeetingId: string;
  targetItemId: string;
  targetMeetingId: string;
  score: number;
  evidenceJson: string;
  status: LinkStatus;
  decidedAt: string | null;
  decidedBy: string | null;
  note: string | null;
}

export type FlagKind = 'duplicate-meeting' | 'referral-not-taken-up';

export interface FlagsTable {
  id: string;
  kind: FlagKind;
  meetingId: string;
  subjectId: string;
  detailsJson: string;
}

export interface CorrectionsTable {
  targetId: string;
  field: string;
  meetingId: string;
  valueJson: string;
  createdAt: string;
  createdBy: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor: string;
  action: string;
  targetId: string | null;
  detailsJson: string;
}

export type UserRole = 'admin' | 'secretary' | 'member';

/** A local account (migration 0200). Passwords are argon2id hashes, never stored in clear. */
export interface UsersTable {
  id: string;
  name: string;
  role: UserRole;
  passwordHash: string;
  createdAt: string;
  disabled: number;
}

/** A signed-in browser. `id` is the SHA-256 of the cookie value, so a stolen database holds no usable session. */
export interface AuthSessionsTable {
  id: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
}

/**
 * Manual state: whether the public may read a meeting. No row means published (the default for imported
 * meetings); keyed by the deterministic meeting id, so it survives re-imports like corrections do.
 */
export interface MeetingPublicationTable {
  meetingId: string;
  published: number;
  changedAt: string;
  changedBy: string;
}

export type UserRow = Selectable<UsersTable>;
export type AuthSessionRow = Selectable<AuthSessionsTable>;
export type DocumentRow = Selectable<DocumentsTable>;
export type MeetingRow = Selectable<MeetingsTable>;
export type ParticipantRow = Selectable<ParticipantsTable>;
export type ItemRow = Selectable<ItemsTable>;
export type DecisionRow = Selectable<DecisionsTable>;
export type AssignmentRow = Selectable<AssignmentsTable>;
export type AssigneeRow = Selectable<AssignmentAssigneesTable>;
export type SignatureRow = Selectable<SignaturesTable>;
export type AdjournmentRow = Selectable<AdjournmentsTable>;
export type WarningRow = Selectable<WarningsTable>;
export type PersonRow = Selectable<PersonsTable>;
export type PersonAliasRow = Selectable<PersonAliasesTable>;
export type OrganisationRow = Selectable<OrganisationsTable>;
export type MembershipRow = Selectable<MembershipsView>;
export type AssignmentStateRow = Selectable<AssignmentStatesTable>;
export type FollowupLinkRow = Selectable<FollowupLinksTable>;
export type FlagRow = Selectable<FlagsTable>;
export type CorrectionRow = Selectable<CorrectionsTable>;
export type AuditEntry = Selectable<AuditLogTable>;
export type NewAuditEntry = Insertable<AuditLogTable>;
