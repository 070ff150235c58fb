import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assignment,
  decision,
  documentFile,
  fakeParser,
  fixedClock,
  item,
  makeDocument,
  person,
  referral,
  tempDir,
} from '../../test/support/archive-factories.js';
import { APP_MIGRATIONS } from '../cli/open-archive.js';
import type { ProtocolDocument } from '../domain/document.js';
import type { ArchiveStore } from '../store/ports.js';
import { openSqliteStore } from '../store/sqlite/open-sqlite-store.js';
import { annualReport } from './annual-report.js';
import { dashboard } from './dashboard.js';
import {
  type RegisterFilter,
  type RegisterRow,
  registerBatches,
  registerOptions,
  registerPage,
} from './decision-register.js';
import {
  type AssignmentList,
  assignmentListCounts,
  assignmentListPage,
  listAssignments,
  listReferrals,
  postponedPage,
  setAssignmentStatus,
} from './follow-up.js';
import { importBytes } from './import-archive.js';
import { listMeetings, meetingFilterOptions, meetingListPage } from './meetings.js';
import { personListPage } from './person-profile.js';
import { setPublished } from './publication.js';
import { archiveStats } from './stats.js';

/*
 * The page-at-a-time register, assignment lists, postponed items and statistics give what the whole-archive
 * computations they replace give, page by page, with the public's view leaving unpublished meetings out.
 */

const clock = fixedClock('2017-03-10T12:00:00Z');

/** A meeting with attendance (so persons belong to municipalities), decisions of three kinds and a referral. */
const meeting = (date: string | null, n: number, body = 'Kommundirektörsgruppen') =>
  makeDocument({
    date,
    body,
    present: [person('Anna Ek', 'Bjuv'), person('Per Lind', 'Klippan')],
    absent: n % 2 ? [person('Eva Holm', 'Höganäs')] : [],
    items: [
      item(`Uppföljning av projekt ${n}`, {
        number: '1',
        decisions: [
          decision(`att utreda projekt ${n}`, 'assignment', [
            assignment(['Anna Ek'], `utreda projekt ${n} och redovisa`, n % 2 ? '2017-02' : '2017-05-15'),
            assignment(['Klippans kommun'], `följa upp projekt ${n}`, null),
          ]),
          decision(`att godkänna rapporten ${n}`, 'approval'),
        ],
      }),
      item(`Information ${n}`, { number: '2', decisions: [decision(`att notera informationen ${n}`, 'information')] }),
      item(`Samordning ${n}`, { number: '3', referral: referral('2017-06', 'Tas upp på nästa möte.') }),
    ],
  });

let store: ArchiveStore;
let cleanup: () => void;
let hiddenId: string;

beforeAll(async () => {
  const dir = tempDir();
  cleanup = dir.cleanup;
  store = await openSqliteStore({ path: join(dir.dir, 'archive.db'), migrations: APP_MIGRATIONS });
  const docs: ProtocolDocument[] = [
    ...['2015-10-02', '2016-11-18', '2016-12-16', '2017-01-20', '2017-02-17', '2017-03-17'].map((d, k) =>
      meeting(d, k),
    ),
    meeting('2016-12-16', 10, 'Styrgruppen'),
    meeting(null, 11, 'Styrgruppen'),
  ];
  for (const [k, doc] of docs.entries()) {
    const result = await importBytes(
      store,
      { bytes: documentFile(doc, String(k)), name: `${k}.txt` },
      { parse: fakeParser('1.0.0') },
    );
    expect(result.outcome, result.reason ?? '').not.toBe('failed');
  }
  const meetings = await store.read((s) => s.meetings.list());
  hiddenId = meetings.find((m) => m.date === '2016-12-16' && m.body === 'Kommundirektörsgruppen')!.id;
  await setPublished(store, hiddenId, false, { actor: 'test', clock });
  const [first] = await listAssignments(store, {}, clock);
  await setAssignmentStatus(store, first!.id, 'done', { clock });
}, 60_000);
afterAll(async () => {
  await store.close();
  cleanup();
});

/** The register as the whole-archive version computed it: every meeting's bundle, organisations through members. */
async function wholeRegister(filter: RegisterFilter): Promise<RegisterRow[]> {
  return store.read(async (session) => {
    const orgNames = new Map((await session.organisations.list()).map((o) => [o.id, o.name]));
    const orgsOfPerson = new Map<string, Set<string>>();
    for (const m of await session.memberships.all()) {
      if (m.role !== 'member') continue;
      orgsOfPerson.set(m.personId, (orgsOfPerson.get(m.personId) ?? new Set()).add(m.organisationId));
    }
    const orgsOfDecision = new Map<string, Set<string>>();
    for (const a of await session.assignments.list()) {
      const set = orgsOfDecision.get(a.decisionId) ?? new Set<string>();
      for (const x of a.assignees) {
        if (x.organisationId) set.add(x.organisationId);
        else if (x.personId) for (const o of orgsOfPerson.get(x.personId) ?? []) set.add(o);
      }
      orgsOfDecision.set(a.decisionId, set);
    }
    const hidden = new Set(await session.publication.unpublished());
    const meetings = (await session.meetings.list())
      .filter((m) => !(filter.publishedOnly && hidden.has(m.id)))
      .sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || b.id.localeCompare(a.id));
    const rows: RegisterRow[] = [];
    for (const m of meetings) {
      const bundle = (await session.meetings.bundle(m.id))!;
      for (const i of bundle.items.sort((a, b) => a.position - b.position)) {
        for (const d of bundle.decisions.filter((x) => x.itemId === i.id).sort((a, b) => a.position - b.position)) {
          rows.push({
            id: d.id,
            meetingId: m.id,
            date: m.date,
            body: m.body,
            meetingNumber: m.number,
            itemId: i.id,
            itemNumber: i.number,
            itemTitle: i.title,
            kind: d.kind,
            text: d.text,
            organisations: [...(orgsOfDecision.get(d.id) ?? [])]
              .map((id) => ({ id, name: orgNames.get(id) ?? id }))
              .sort((a, b) => a.name.localeCompare(b.name, 'sv')),
          });
        }
      }
    }
    return rows.filter(
      (r) =>
        (!filter.kind || r.kind === filter.kind) &&
        (filter.year === undefined || r.date?.startsWith(`${filter.year}-`)) &&
        (!filter.body || r.body === filter.body) &&
        (!filter.organisationId || r.organisations.some((o) => o.id === filter.organisationId)),
    );
  });
}

describe('the decisions register in SQL', () => {
  it('pages through what the whole register has, for every filter and for the public', async () => {
    const klippan = (await store.read((s) => s.organisations.list())).find((o) => o.name.startsWith('Klippan'))!;
    const bjuv = (await store.read((s) => s.organisations.list())).find((o) => o.name.startsWith('Bjuv'))!;
    const filters: RegisterFilter[] = [
      {},
      { publishedOnly: true },
      { kind: 'assignment' },
      { year: 2016, publishedOnly: true },
      { body: 'Styrgruppen' },
      { organisationId: klippan.id },
      // Bjuv only through the person Anna Ek, who sits for it.
      { organisationId: bjuv.id, publishedOnly: true },
      { kind: 'information', year: 2017, body: 'Kommundirektörsgruppen' },
    ];
    for (const filter of filters) {
      const expected = await wholeRegister(filter);
      expect(expected.length, JSON.stringify(filter)).toBeGreaterThan(0);
      const paged: RegisterRow[] = [];
      for (let offset = 0; offset < expected.length + 7; offset += 7) {
        const page = await registerPage(store, filter, { limit: 7, offset });
        expect(page.total).toBe(expected.length);
        paged.push(...page.rows);
      }
      expect(paged, JSON.stringify(filter)).toEqual(expected);
      const streamed: RegisterRow[] = [];
      for await (const batch of registerBatches(store, filter, 2)) streamed.push(...batch);
      expect(streamed, JSON.stringify(filter)).toEqual(expected);
    }
    expect((await wholeRegister({ organisationId: bjuv.id }))[0]!.organisations.map((o) => o.id)).toContain(bjuv.id);
  });

  it('leaves hidden meetings out of the public register and its filter options', async () => {
    const publicRows = await wholeRegister({ publishedOnly: true });
    expect(publicRows.some((r) => r.meetingId === hiddenId)).toBe(false);
    expect((await wholeRegister({})).some((r) => r.meetingId === hiddenId)).toBe(true);
    const all = await registerOptions(store, {});
    expect(all).toMatchObject({
      kinds: ['approval', 'assignment', 'information'],
      years: ['2017', '2016', '2015'],
      bodies: ['Kommundirektörsgruppen', 'Styrgruppen'],
    });
    expect(all.organisations.map((o) => o.name)).toEqual(expect.arrayContaining([expect.stringMatching(/^Bjuv/)]));
    // Hiding the only Styrgruppen meeting with a date leaves the undated one, so the body stays, the year too.
    expect((await registerOptions(store, { publishedOnly: true })).years).toEqual(['2017', '2016', '2015']);
  });
});

describe('assignment lists, postponed items and statistics a page at a time', () => {
  const newestFirst = <T extends { date: string | null }>(rows: T[]) =>
    [...rows].sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''));

  it('pages the assignment lists as the whole list filtered and sorted, with their counts', async () => {
    // Newest meeting first, meetings of one day by id; agenda order within a meeting (the list's order).
    const all = (await listAssignments(store, {}, clock)).sort(
      (a, b) => (b.date ?? '').localeCompare(a.date ?? '') || b.meetingId.localeCompare(a.meetingId),
    );
    const hidden = new Set([hiddenId]);
    const lists: Record<AssignmentList, (a: (typeof all)[number]) => boolean> = {
      open: (a) => a.status === 'open',
      overdue: (a) => a.overdue,
      done: (a) => a.status === 'done' || a.status === 'reported',
      all: () => true,
    };
    for (const publishedOnly of [false, true]) {
      const counts = await assignmentListCounts(store, { clock, publishedOnly });
      for (const [list, keep] of Object.entries(lists) as Array<
        [AssignmentList, (a: (typeof all)[number]) => boolean]
      >) {
        const expected = newestFirst(all.filter((a) => keep(a) && !(publishedOnly && hidden.has(a.meetingId))));
        expect(counts[list], `${list} ${publishedOnly}`).toBe(expected.length);
        const paged = [];
        for (let offset = 0; offset < expected.length; offset += 3) {
          const page = await assignmentListPage(store, { list, clock, limit: 3, offset, publishedOnly });
          expect(page.total).toBe(expected.length);
          paged.push(...page.rows);
        }
        expect(paged.map((a) => a.id)).toEqual(expected.map((a) => a.id));
        expect(paged).toEqual(expected);
      }
    }
  });

  it('pages the postponed items not taken up, newest first, without hidden meetings for the public', async () => {
    const all = (await listReferrals(store)).filter((r) => r.status !== 'taken-up');
    for (const publishedOnly of [false, true]) {
      const expected = newestFirst(all.filter((r) => !(publishedOnly && r.meetingId === hiddenId)));
      const first = await postponedPage(store, { limit: 4, offset: 0, publishedOnly });
      const rest = await postponedPage(store, { limit: 100, offset: 4, publishedOnly });
      expect(first.total).toBe(expected.length);
      expect([...first.rows, ...rest.rows]).toEqual(expected);
    }
    const home = await dashboard(store, { clock, publishedOnly: true, postponed: 2 });
    expect(home.postponed).toHaveLength(2);
    expect(home.counts.postponed).toBe(all.length - 1);
    expect(home.latest.some((m) => m.id === hiddenId)).toBe(false);
    expect([...home.open, ...home.overdue].some((a) => a.meetingId === hiddenId)).toBe(false);
  });

  it('counts only published meetings for the public, everything for signed-in users', async () => {
    const everything = await annualReport(store, { clock });
    const visible = await annualReport(store, { clock, publishedOnly: true });
    expect(everything.meetingsHeld).toBe(8);
    expect(visible.meetingsHeld).toBe(7);
    const year = (r: typeof everything, y: string) => r.meetingsPerYear.find((x) => x.year === y)?.count;
    expect(year(everything, '2016')).toBe(3);
    expect(year(visible, '2016')).toBe(2);
    const kind = (r: typeof everything, k: string) => r.decisionsByKind.find((x) => x.kind === k)?.count;
    expect(kind(everything, 'approval')! - kind(visible, 'approval')!).toBe(1);
    const given = (r: typeof everything) => r.assignmentsPerYear.find((x) => x.year === '2016')?.given;
    expect(given(everything)! - given(visible)!).toBe(2);
    const anna = (r: typeof everything) => r.attendance.persons.find((p) => p.name === 'Anna Ek')?.present;
    expect(anna(everything)! - anna(visible)!).toBe(1);
    expect(everything.attendance.meetingsWithAttendance - visible.attendance.meetingsWithAttendance).toBe(1);
    // Without a filter the statistics are what they were: all meetings.
    expect(await archiveStats(store)).toEqual(await archiveStats(store, { publishedOnly: false }));
    const for2016 = await archiveStats(store, { year: 2016, publishedOnly: true });
    expect(for2016.meetingsHeld).toBe(2);
  });

  it('pages the meeting list newest first and the person list by name, for the public without hidden meetings', async () => {
    const all = await listMeetings(store);
    for (const publishedOnly of [false, true]) {
      const expected = [...all]
        .filter((m) => !(publishedOnly && m.id === hiddenId))
        .sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || b.id.localeCompare(a.id));
      const first = await meetingListPage(store, { publishedOnly, limit: 3, offset: 0 });
      const rest = await meetingListPage(store, { publishedOnly, limit: 100, offset: 3 });
      expect(first.total).toBe(expected.length);
      expect([...first.rows, ...rest.rows]).toEqual(expected);
    }
    const styrgruppen = await meetingListPage(store, { body: 'Styrgruppen', year: 2016, limit: 10, offset: 0 });
    expect(styrgruppen.rows.map((m) => m.date)).toEqual(['2016-12-16']);
    expect(await meetingFilterOptions(store, { publishedOnly: true })).toEqual({
      years: ['2017', '2016', '2015'],
      bodies: ['Kommundirektörsgruppen', 'Styrgruppen'],
    });

    const everyone = await personListPage(store, { limit: 100, offset: 0 });
    const anna = everyone.rows.find((p) => p.name === 'Anna Ek')!;
    expect(anna).toMatchObject({ meetings: 8, firstDate: '2015-10-02', lastDate: '2017-03-17' });
    expect(anna.organisations).toEqual([expect.stringMatching(/^Bjuv/)]);
    const publicAnna = (await personListPage(store, { publishedOnly: true, limit: 100, offset: 0 })).rows.find(
      (p) => p.name === 'Anna Ek',
    )!;
    expect(publicAnna.meetings).toBe(7);
    const names = everyone.rows.map((p) => p.name);
    expect(names).toEqual([...names].sort(new Intl.Collator('sv').compare));
    const paged = [
      ...(await personListPage(store, { limit: 2, offset: 0 })).rows,
      ...(await personListPage(store, { limit: 100, offset: 2 })).rows,
    ];
    expect(paged).toEqual(everyone.rows);
  });
});
