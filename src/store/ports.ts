import type { Kysely } from 'kysely';
import type {
  AdjournmentRow,
  ArchiveSchema,
  AssigneeRow,
  AssignmentRow,
  AssignmentStateRow,
  AssignmentStatus,
  AuditEntry,
  CorrectionRow,
  DecisionRow,
  DocumentRow,
  FlagKind,
  FlagRow,
  FollowupLinkRow,
  ItemRow,
  LinkKind,
  LinkStatus,
  MeetingRow,
  MembershipRow,
  OrganisationRow,
  ParticipantRow,
  PersonAliasRow,
  PersonRow,
  SignatureRow,
  UserRole,
  UserRow,
  WarningRow,
} from './schema.js';
import type { SearchIndexer } from './search-indexer.js';

/** A document row without its original bytes (which can be large and are rarely needed). */
export type DocumentInfo = Omit<DocumentRow, 'bytes'>;

/** Everything derived from one protocol about one meeting; replaced as a whole on re-import. */
export interface MeetingBundle {
  meeting: MeetingRow;
  participants: ParticipantRow[];
  items: ItemRow[];
  decisions: DecisionRow[];
  assignments: AssignmentRow[];
  assignees: AssigneeRow[];
  signatures: SignatureRow[];
  adjournments: AdjournmentRow[];
}

/** An item with the date and body of its meeting, the unit follow-up linking compares. */
export interface DatedItem extends ItemRow {
  date: string | null;
  body: string | null;
  /** The meeting's series (see `MeetingFilter.series`). */
  series: string;
}

/** An assignment with its context, as listed by follow-up. */
export interface AssignmentView extends AssignmentRow {
  date: string | null;
  body: string | null;
  itemTitle: string;
  itemNumber: string | null;
  decisionText: string;
  assignees: AssigneeRow[];
  state: AssignmentStateRow | null;
}

export interface MeetingFilter {
  year?: number;
  /** Meetings of this body; null selects meetings without a body. */
  body?: string | null;
  from?: string;
  to?: string;
  /**
   * Meetings of one series: one body of one organisation, the natural key without its date (`meetingSeries`).
   * Follow-up links stay within a series, so the importer reads only the series' own history.
   */
  series?: string;
  /** At most this many meetings (the first ones by date). */
  limit?: number;
}

export interface DocumentRepository {
  findBySha(sha256: string): Promise<DocumentInfo | undefined>;
  get(id: string): Promise<DocumentRow | undefined>;
  insert(row: DocumentRow): Promise<void>;
  update(id: string, patch: Partial<Omit<DocumentRow, 'id' | 'sha256'>>): Promise<void>;
  listForMeeting(meetingId: string): Promise<DocumentInfo[]>;
  /** All documents in import order, a page at a time (export walks the archive with it). */
  page(offset: number, limit: number): Promise<DocumentRow[]>;
  count(): Promise<number>;
  replaceWarnings(documentId: string, warnings: WarningRow[]): Promise<void>;
  warnings(documentId: string): Promise<WarningRow[]>;
}

export interface MeetingRepository {
  get(id: string): Promise<MeetingRow | undefined>;
  /** Unique id prefix or full id → meeting. */
  findByIdPrefix(prefix: string): Promise<MeetingRow[]>;
  list(filter?: MeetingFilter): Promise<MeetingRow[]>;
  /** Writes the meeting row and replaces all its derived rows. */
  replace(bundle: MeetingBundle): Promise<void>;
  delete(id: string): Promise<void>;
  bundle(id: string): Promise<MeetingBundle | undefined>;
  /** Items of meetings of `body` dated in [from, to] (inclusive, ISO strings). */
  itemsBetween(series: string, from: string, to: string): Promise<DatedItem[]>;
  /** Items that carry a referral and belong to meetings of `body` dated before `before` (and from `from` on). */
  referredItemsBefore(series: string, before: string, from?: string): Promise<DatedItem[]>;
  items(meetingId: string): Promise<ItemRow[]>;
  getItem(id: string): Promise<DatedItem | undefined>;
  /** The meeting a meeting, item, decision or assignment id belongs to. */
  meetingOf(targetId: string): Promise<string | undefined>;
  /** Setters for manual corrections, by deterministic id. Return false when the row does not exist. */
  patchMeeting(id: string, patch: Partial<Omit<MeetingRow, 'id' | 'naturalKey'>>): Promise<boolean>;
  patchItem(id: string, patch: Partial<Pick<ItemRow, 'title' | 'number' | 'text'>>): Promise<boolean>;
  patchDecision(id: string, patch: Partial<Pick<DecisionRow, 'text' | 'kind'>>): Promise<boolean>;
  patchAssignment(id: string, patch: Partial<Pick<AssignmentRow, 'task' | 'due' | 'dueText'>>): Promise<boolean>;
  patchParticipant(
    id: string,
    patch: Partial<Pick<ParticipantRow, 'list' | 'organization' | 'role' | 'fromTime' | 'toTime'>>,
  ): Promise<boolean>;
}

export interface PersonRepository {
  get(id: string): Promise<PersonRow | undefined>;
  list(): Promise<PersonRow[]>;
  create(row: PersonRow): Promise<void>;
  rename(id: string, name: string): Promise<void>;
  delete(id: string): Promise<void>;
  /** Alias lookup: first the organisation-specific alias, then the general one. */
  resolveAlias(matchKey: string, organisationId: string | null): Promise<string | undefined>;
  putAlias(row: PersonAliasRow): Promise<void>;
  aliases(personId?: string): Promise<PersonAliasRow[]>;
  /** Points every reference (aliases, attendance, signatures, assignees) of `from` at `to`. */
  reassign(from: string, to: string): Promise<void>;
  /** Moves the attendance of `from` within one organisation to `to`; returns the number of rows moved. */
  moveAttendance(from: string, organisationId: string, to: string): Promise<number>;
  attendance(personId: string): Promise<Array<ParticipantRow & { date: string | null; body: string | null }>>;
  /** Distinct spellings seen in the protocols for a person. */
  spellings(personId: string): Promise<string[]>;
}

export interface OrganisationRepository {
  get(id: string): Promise<OrganisationRow | undefined>;
  list(): Promise<OrganisationRow[]>;
  create(row: OrganisationRow): Promise<void>;
  findByVariant(matchKey: string): Promise<string | undefined>;
  putVariant(matchKey: string, organisationId: string): Promise<void>;
  variants(): Promise<Array<{ matchKey: string; organisationId: string }>>;
}

export interface MembershipRepository {
  /** With `publishedOnly`, counted over the meetings the public may see. */
  forPerson(personId: string, options?: StatsOptions): Promise<MembershipRow[]>;
  forOrganisation(organisationId: string, options?: StatsOptions): Promise<MembershipRow[]>;
  all(): Promise<MembershipRow[]>;
}

export interface AssignmentFilter {
  meetingId?: string;
  /** Meetings of this body (null: meetings without a body); with `from`/`to`, dated in [from, to]. */
  body?: string | null;
  /** Meetings of this series (see `MeetingFilter.series`). */
  series?: string;
  from?: string;
  to?: string;
}

export interface AssignmentRepository {
  list(filter?: AssignmentFilter): Promise<AssignmentView[]>;
  findByIdPrefix(prefix: string): Promise<AssignmentRow[]>;
  forMeeting(meetingId: string): Promise<AssignmentView[]>;
  setState(row: AssignmentStateRow): Promise<void>;
  states(): Promise<AssignmentStateRow[]>;
}

export interface FollowUpLinkRepository {
  get(id: string): Promise<FollowupLinkRow | undefined>;
  findByIdPrefix(prefix: string): Promise<FollowupLinkRow[]>;
  /** Inserts or refreshes a suggestion; a link already confirmed or rejected keeps its status. */
  suggest(row: FollowupLinkRow): Promise<void>;
  /** Inserts or overwrites a link with its decision (used by restore). */
  put(row: FollowupLinkRow): Promise<void>;
  /** Drops undecided suggestions that start or end in a meeting, before they are computed again. */
  clearSuggestions(meetingId: string): Promise<void>;
  /** Drops the undecided suggestions that start at an assignment or item, before they are computed again. */
  clearSuggestionsFrom(sourceId: string): Promise<void>;
  /**
   * Makes `rows` the suggestions that start at an assignment or item: undecided ones not among them are dropped,
   * decided ones keep their status; rows already stored as they are are not written again.
   */
  replaceSuggestions(sourceId: string, rows: readonly FollowupLinkRow[]): Promise<void>;
  decide(id: string, status: LinkStatus, by: string, at: string, note: string | null): Promise<void>;
  list(filter?: { kind?: LinkKind; sourceId?: string; status?: LinkStatus }): Promise<FollowupLinkRow[]>;
  /** Queues meetings whose links must be computed again (see `relinkQueued`). */
  queueRelink(meetingIds: Iterable<string>): Promise<void>;
  /** Up to `limit` queued meetings, those of one series together (by natural key; deleted meetings first). */
  nextRelink(limit: number): Promise<string[]>;
  /** Takes meetings off the queue once their links are computed. */
  dequeueRelink(meetingIds: readonly string[]): Promise<void>;
  /** How many meetings are queued. */
  relinkQueued(): Promise<number>;
}

export interface FlagRepository {
  put(row: FlagRow): Promise<void>;
  remove(id: string): Promise<void>;
  clear(kind: FlagKind, meetingId: string): Promise<void>;
  list(filter?: { kind?: FlagKind; meetingId?: string }): Promise<FlagRow[]>;
}

export interface CorrectionRepository {
  put(row: CorrectionRow): Promise<void>;
  forMeeting(meetingId: string): Promise<CorrectionRow[]>;
  all(): Promise<CorrectionRow[]>;
}

export interface YearCount {
  year: string;
  count: number;
}

export interface AttendanceCount {
  id: string;
  name: string;
  present: number;
  absent: number;
  meetings: number;
}

/** Which meetings statistics count: all of them, or only those the public may see. */
export interface StatsOptions {
  publishedOnly?: boolean;
}

/** Aggregates for statistics; `year` restricts to meetings dated in that year. */
export interface StatsRepository {
  meetingsPerYear(options?: StatsOptions): Promise<YearCount[]>;
  itemsPerYear(options?: StatsOptions): Promise<YearCount[]>;
  /** Every meeting, dated or not. */
  meetingCount(options?: StatsOptions): Promise<number>;
  decisionsByKind(year?: number, options?: StatsOptions): Promise<Array<{ kind: string; count: number }>>;
  /** Per municipality: meetings where someone of it was present / listed absent, over meetings with attendance. */
  attendanceByMunicipality(year?: number, options?: StatsOptions): Promise<AttendanceCount[]>;
  /** Per person listed as present or absent (guests excluded). */
  attendanceByPerson(year?: number, options?: StatsOptions): Promise<AttendanceCount[]>;
  meetingsWithAttendance(year?: number, options?: StatsOptions): Promise<number>;
}

/** Assignments of one year (of their meeting; '' undated), status and due date (null: none), counted. */
export interface AssignmentCount {
  year: string;
  status: AssignmentStatus;
  due: string | null;
  count: number;
}

/** Decisions of one year (of their meeting; '' undated), body (null: none) and kind, counted. */
export interface DecisionCount {
  year: string;
  body: string | null;
  kind: string;
  count: number;
}

/**
 * Counts over the whole archive that an adapter keeps up to date with every write, so that reading them costs a
 * few rows however large the archive (the SQLite adapter's archive totals). Exact: the same numbers as counting
 * the rows. Absent when the archive does not keep them; callers then count the rows.
 */
export interface ArchiveTotals {
  /** Per year, or with `allYears` once for all years together (year '*'). */
  assignments(options?: StatsOptions & { allYears?: boolean }): Promise<AssignmentCount[]>;
  decisions(options?: StatsOptions): Promise<DecisionCount[]>;
  /** Postponed items of dated meetings that no confirmed referral link has taken up. */
  postponedNotTakenUp(options?: StatsOptions): Promise<number>;
  /**
   * Organisations given an assignment: directly, or as an organisation its person has sat for as a member (present
   * or absent, not as a guest) when assigned without one.
   */
  assigneeOrganisationIds(options?: StatsOptions): Promise<string[]>;
}

export interface AuditLog {
  append(entry: {
    at: string;
    actor: string;
    action: string;
    targetId: string | null;
    details: unknown;
  }): Promise<void>;
  list(limit?: number): Promise<AuditEntry[]>;
}

export interface UserRepository {
  get(id: string): Promise<UserRow | undefined>;
  /** By name, case-insensitively. */
  findByName(name: string): Promise<UserRow | undefined>;
  list(): Promise<UserRow[]>;
  /** Inserts, or replaces role and password of the account with that name. */
  upsert(row: UserRow): Promise<void>;
}

export interface AuthSessionRepository {
  create(row: { id: string; userId: string; createdAt: string; expiresAt: string }): Promise<void>;
  /** The session with its user, when neither is expired or disabled at `now`. */
  active(id: string, now: string): Promise<{ userId: string; name: string; role: UserRole } | undefined>;
  delete(id: string): Promise<void>;
  deleteForUser(userId: string): Promise<void>;
  deleteExpired(now: string): Promise<void>;
}

export interface PublicationRepository {
  /** Ids of meetings hidden from the public (every other meeting is published). */
  unpublished(): Promise<string[]>;
  isPublished(meetingId: string): Promise<boolean>;
  set(meetingId: string, published: boolean, changedBy: string, changedAt: string): Promise<void>;
  /** Every decision a secretary made, for the archive export. */
  all(): Promise<Array<{ meetingId: string; published: boolean; changedAt: string; changedBy: string }>>;
}

/** The repositories bound to one transaction (or to a read snapshot). */
export interface ArchiveSession {
  documents: DocumentRepository;
  meetings: MeetingRepository;
  persons: PersonRepository;
  organisations: OrganisationRepository;
  memberships: MembershipRepository;
  assignments: AssignmentRepository;
  followUps: FollowUpLinkRepository;
  flags: FlagRepository;
  corrections: CorrectionRepository;
  audit: AuditLog;
  stats: StatsRepository;
  /** Kept counts, when the archive has them (see `ArchiveTotals`). */
  totals?: ArchiveTotals;
  users: UserRepository;
  authSessions: AuthSessionRepository;
  publication: PublicationRepository;
  /**
   * Brings what the store keeps derived from the rows (the SQLite adapter's archive totals) up to date with this
   * transaction's changes so far. Every write does so before it commits; a large write calls it early, after the rows
   * that count and before the ones that do not (search rows), while the rows it reads are still in the page cache.
   */
  settle(): Promise<void>;
  /** The query builder of this transaction, for adapter-level code such as the search indexer's own tables. */
  db: Kysely<ArchiveSchema>;
}

/** The archive. One `write` is one transaction: all of it is stored or none of it. */
export interface ArchiveStore {
  readonly location: string;
  readonly searchIndexer: SearchIndexer;
  write<T>(fn: (session: ArchiveSession) => Promise<T>): Promise<T>;
  read<T>(fn: (session: ArchiveSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type { AssignmentStatus };
