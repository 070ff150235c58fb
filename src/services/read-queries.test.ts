import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  assignment,
  decision,
  documentFile,
  fakeParser,
  fixedClock,
  item,
  makeDocument,
  openTempStore,
  referral,
} from '../../test/support/archive-factories.js';
import type { ProtocolDocument } from '../domain/document.js';
import { cachedRead } from '../http/read-cache.js';
import type { ArchiveStore } from '../store/ports.js';
import { annualReport } from './annual-report.js';
import { dashboard } from './dashboard.js';
import {
  type AssignmentSummary,
  listAssignments,
  listReferrals,
  meetingReferrals,
  newestOpenAssignments,
  setAssignmentStatus,
} from './follow-up.js';
import { importBytes } from './import-archive.js';
import { latestMeetings, listMeetings } from './meetings.js';

/*
 * The page-at-a-time queries of the start page, the meeting page and the statistics give what the whole-archive
 * functions they replace give.
 */

const meeting = (date: string, n: number) =>
  makeDocument({
    date,
    items: [
      item(`Uppföljning av projekt ${n}`, {
        number: '1',
        decisions: [
          decision(`att utreda projekt ${n}`, 'assignment', [
            assignment(['projektledaren'], `utreda projekt ${n} och redovisa`, n % 2 ? '2017-02' : '2017-05-15'),
            assignment(['förvaltningen'], `följa upp projekt ${n}`, null),
          ]),
        ],
      }),
      item(`Samordning ${n}`, { number: '2', referral: referral('2017-06', 'Tas upp på nästa möte.') }),
    ],
  });

async function load(store: ArchiveStore, doc: ProtocolDocument) {
  const result = await importBytes(
    store,
    { bytes: documentFile(doc), name: `${doc.date}.txt` },
    { parse: fakeParser('1.0.0') },
  );
  expect(result.outcome, result.reason ?? '').not.toBe('failed');
}

const newestFirst = <T extends { date: string | null }>(rows: T[]) =>
  [...rows].sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''));

describe('page-at-a-time read queries', () => {
  let store: ArchiveStore;
  let cleanup: () => Promise<void>;
  const clock = fixedClock('2017-03-10T12:00:00Z');
  beforeEach(async () => {
    ({ store, cleanup } = await openTempStore());
    for (const [k, date] of ['2016-11-18', '2016-12-16', '2017-01-20', '2017-02-17', '2017-03-17'].entries()) {
      await load(store, meeting(date, k));
    }
  });
  afterEach(async () => cleanup());

  it('finds the referrals of one meeting as the whole list has them', async () => {
    const all = await listReferrals(store);
    expect(all.length).toBeGreaterThan(0);
    for (const m of await listMeetings(store)) {
      expect(await meetingReferrals(store, m.id)).toEqual(all.filter((r) => r.meetingId === m.id));
    }
  });

  it('finds the latest meetings and newest open assignments as the whole lists sorted', async () => {
    const meetings = await listMeetings(store);
    const hidden = new Set([meetings.at(-1)!.id]);
    for (const limit of [1, 3, 10]) {
      expect(await latestMeetings(store, { limit, hidden })).toEqual(
        newestFirst(meetings.filter((m) => !hidden.has(m.id))).slice(0, limit),
      );
    }
    const [first] = await listAssignments(store, {}, clock);
    await setAssignmentStatus(store, first!.id, 'done', { clock });
    const open = (await listAssignments(store, { open: true }, clock)).filter((a) => !hidden.has(a.meetingId));
    const split = (overdue: boolean, limit: number) =>
      newestFirst(open.filter((a: AssignmentSummary) => a.overdue === overdue)).slice(0, limit);
    expect(split(true, 10).length).toBeGreaterThan(0);
    for (const limit of [1, 2, 10]) {
      expect(await newestOpenAssignments(store, { clock, limit, hidden })).toEqual({
        open: split(false, limit),
        overdue: split(true, limit),
      });
    }
    const data = await dashboard(store, { clock, hidden });
    expect(data.postponed.every((r) => !hidden.has(r.meetingId) && r.status !== 'taken-up')).toBe(true);
  });

  it('counts assignments per year in SQL as the list of assignments has them', async () => {
    const [first] = await listAssignments(store, {}, clock);
    await setAssignmentStatus(store, first!.id, 'done', { clock });
    const all = await listAssignments(store, {}, clock);
    for (const year of [undefined, 2017]) {
      const rows = all.filter((a) => year === undefined || a.date?.startsWith(`${year}-`));
      const years = [...new Set(rows.map((a) => a.date!.slice(0, 4)))].sort();
      const report = await annualReport(store, year === undefined ? { clock } : { clock, year });
      expect(report.assignmentsPerYear).toEqual(
        years.map((y) => {
          const inYear = rows.filter((a) => a.date!.startsWith(y));
          return {
            year: y,
            given: inYear.length,
            reportedBack: inYear.filter((a) => a.status === 'reported' || a.status === 'done').length,
            overdue: inYear.filter((a) => a.overdue).length,
          };
        }),
      );
    }
  });

  it('keeps a cached value until the archive changes', async () => {
    let runs = 0;
    const count = () => cachedRead(store, 'meetings', async () => ++runs + (await listMeetings(store)).length * 0);
    expect(await count()).toBe(1);
    expect(await count()).toBe(1);
    const [a] = await listAssignments(store, {}, clock);
    await setAssignmentStatus(store, a!.id, 'cancelled', { clock });
    expect(await count()).toBe(2);
    expect(await count()).toBe(2);
  });
});
