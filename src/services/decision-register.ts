import type { ArchiveStore } from '../store/ports.js';

/** One decision in the register, with the meeting and item it was taken in. */
export interface RegisterRow {
  id: string;
  meetingId: string;
  date: string | null;
  body: string | null;
  meetingNumber: string | null;
  itemId: string;
  itemNumber: string | null;
  itemTitle: string;
  kind: string;
  text: string;
  /** Organisations given an assignment by the decision (directly or through an assignee's organisation). */
  organisations: Array<{ id: string; name: string }>;
}

export interface RegisterFilter {
  kind?: string;
  year?: number;
  body?: string;
  organisationId?: string;
  /** Meetings to leave out (hidden from the public). */
  hidden?: ReadonlySet<string>;
}

export interface DecisionRegister {
  rows: RegisterRow[];
  /** What the filters can be set to, from the whole (visible) register. */
  options: {
    kinds: string[];
    years: string[];
    bodies: string[];
    organisations: Array<{ id: string; name: string }>;
  };
}

/** The decisions register: every decision, newest meeting first, filtered by kind, year, body and organisation. */
export async function decisionRegister(store: ArchiveStore, filter: RegisterFilter = {}): Promise<DecisionRegister> {
  return store.read(async (session) => {
    const orgNames = new Map((await session.organisations.list()).map((o) => [o.id, o.name]));
    const orgOfPerson = new Map<string, Set<string>>();
    for (const m of await session.memberships.all()) {
      if (m.role !== 'member') continue;
      const set = orgOfPerson.get(m.personId) ?? new Set<string>();
      set.add(m.organisationId);
      orgOfPerson.set(m.personId, set);
    }
    const orgsOfDecision = new Map<string, Set<string>>();
    for (const a of await session.assignments.list()) {
      const set = orgsOfDecision.get(a.decisionId) ?? new Set<string>();
      for (const x of a.assignees) {
        if (x.organisationId) set.add(x.organisationId);
        else if (x.personId) for (const o of orgOfPerson.get(x.personId) ?? []) set.add(o);
      }
      orgsOfDecision.set(a.decisionId, set);
    }
    const all: RegisterRow[] = [];
    const meetings = (await session.meetings.list()).filter((m) => !filter.hidden?.has(m.id)).reverse();
    for (const meeting of meetings) {
      const bundle = await session.meetings.bundle(meeting.id);
      if (!bundle) continue;
      const items = new Map(bundle.items.map((i) => [i.id, i]));
      for (const d of bundle.decisions) {
        const item = items.get(d.itemId);
        all.push({
          id: d.id,
          meetingId: meeting.id,
          date: meeting.date,
          body: meeting.body,
          meetingNumber: meeting.number,
          itemId: d.itemId,
          itemNumber: item?.number ?? null,
          itemTitle: item?.title ?? '',
          kind: d.kind,
          text: d.text,
          organisations: [...(orgsOfDecision.get(d.id) ?? [])]
            .map((id) => ({ id, name: orgNames.get(id) ?? id }))
            .sort((a, b) => a.name.localeCompare(b.name, 'sv')),
        });
      }
    }
    const distinct = (values: Array<string | null>) =>
      [...new Set(values.filter((v): v is string => v !== null))].sort((a, b) => a.localeCompare(b, 'sv'));
    const orgOptions = new Map(all.flatMap((r) => r.organisations).map((o) => [o.id, o]));
    const rows = all.filter(
      (r) =>
        (!filter.kind || r.kind === filter.kind) &&
        (filter.year === undefined || r.date?.startsWith(`${filter.year}-`)) &&
        (!filter.body || r.body === filter.body) &&
        (!filter.organisationId || r.organisations.some((o) => o.id === filter.organisationId)),
    );
    return {
      rows,
      options: {
        kinds: distinct(all.map((r) => r.kind)),
        years: distinct(all.map((r) => r.date?.slice(0, 4) ?? null)).reverse(),
        bodies: distinct(all.map((r) => r.body)),
        organisations: [...orgOptions.values()].sort((a, b) => a.name.localeCompare(b.name, 'sv')),
      },
    };
  });
}
