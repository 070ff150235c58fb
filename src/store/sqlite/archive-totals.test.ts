import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
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
} from '../../../test/support/archive-factories.js';
import { APP_MIGRATIONS } from '../../cli/open-archive.js';
import type { ProtocolDocument } from '../../domain/document.js';
import { annualReport } from '../../services/annual-report.js';
import { type RegisterFilter, registerOptions, registerPage } from '../../services/decision-register.js';
import { exportArchive } from '../../services/export-archive.js';
import {
  type AssignmentList,
  assignmentListCounts,
  assignmentListPage,
  decideLink,
  listAssignments,
  listReferrals,
  postponedPage,
  setAssignmentStatus,
} from '../../services/follow-up.js';
import { importArchive, importBytes, type Parser } from '../../services/import-archive.js';
import { setPublished } from '../../services/publication.js';
import { listPersons, mergePersons } from '../../services/resolve-people.js';
import { archiveStats } from '../../services/stats.js';
import type { ArchiveStore } from '../ports.js';
import { ARCHIVE_TOTALS_MIGRATIONS, recountedTotals } from './archive-totals.js';
import { openSqliteStore } from './open-sqlite-store.js';
import { SqliteStatements } from './statements.js';

/*
 * The archive totals are the sum of every meeting's contribution however the rows change: after imports,
 * re-imports that change a meeting, deletions, publication changes, assignment states, confirmed links and person
 * merges they equal a recount from scratch, and every statistic read from them equals the same statistic counted
 * over the rows.
 */

const clock = fixedClock('2017-03-10T12:00:00Z');

const meeting = (date: string | null, n: number, body = 'Kommundirektörsgruppen'): ProtocolDocument =>
  makeDocument({
    date,
    body,
    present: [person('Anna Ek', 'Bjuv'), person('Per Lind', 'Klippan'), person('Ola Berg', 'Bjuv')],
    // Listed present and absent at once in odd meetings: counts as present, once.
    absent: n % 2 ? [person('Eva Holm', 'Höganäs'), person('Per Lind', 'Klippan')] : [],
    guests: [person('Gun Gäst', 'Region Skåne')],
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
      item(`Information om projekt ${n}`, {
        number: '2',
        decisions: [decision(`att notera informationen om projekt ${n}`, 'information')],
      }),
      item(`Samordning ${n}`, { number: '3', referral: referral(null, 'Tas upp på nästa möte.') }),
      item(`Samordning ${n}`, { number: '4' }),
    ],
  });

const DOCUMENTS: ProtocolDocument[] = [
  ...['2015-10-02', '2016-11-18', '2016-12-16', '2017-01-20', '2017-02-17'].map((d, k) => meeting(d, k)),
  meeting('2016-12-16', 10, 'Styrgruppen'),
  meeting(null, 11, 'Styrgruppen'),
];

/** A later parser that reads the same files differently: fewer present, another kind of decision. */
const rereading: Parser = async (input) => {
  const parsed = await fakeParser('2.0.0')(input);
  const document = parsed.document;
  return {
    ...parsed,
    document: {
      ...document,
      present: document.present.slice(1),
      items: document.items.map((i) => ({
        ...i,
        decisions: i.decisions.map((d) => (d.kind === 'approval' ? { ...d, kind: 'other' as const } : d)),
      })),
    },
  };
};

let cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function open(path: string, options: { readTotals?: boolean; migrations?: typeof APP_MIGRATIONS } = {}) {
  const store = await openSqliteStore({
    path,
    migrations: options.migrations ?? APP_MIGRATIONS,
    readTotals: options.readTotals ?? true,
  });
  cleanups.push(() => store.close());
  return store;
}

async function importAll(store: ArchiveStore, documents: ProtocolDocument[], parse: Parser = fakeParser('1.0.0')) {
  for (const [k, doc] of documents.entries()) {
    const result = await importBytes(store, { bytes: documentFile(doc, String(k)), name: `${k}.txt` }, { parse });
    expect(result.outcome, result.reason ?? '').not.toBe('failed');
  }
}

/** The kept totals and a recount from the rows, read on a connection of their own. */
function keptAndRecounted(path: string) {
  const raw = new Database(path, { readonly: true });
  try {
    const q = new SqliteStatements(raw);
    const kept = q.all('select counter, scope, year, key, detail, n from archive_totals order by 1, 2, 3, 4, 5');
    const pending = q.all('select * from archive_totals_pending');
    return { kept, recounted: recountedTotals(q), pending };
  } finally {
    raw.close();
  }
}

function expectTotalsExact(path: string) {
  const { kept, recounted, pending } = keptAndRecounted(path);
  expect(pending).toEqual([]);
  expect(kept.length).toBeGreaterThan(0);
  expect(kept).toEqual(recounted);
}

const LISTS: AssignmentList[] = ['open', 'overdue', 'done', 'all'];

/** Every whole-archive count the pages show, for the public and for signed-in users. */
async function everyCount(store: ArchiveStore) {
  const out: Record<string, unknown> = {};
  for (const publishedOnly of [false, true]) {
    const scope = publishedOnly ? 'public' : 'all';
    for (const year of [undefined, 2016, 2017]) {
      out[`report ${scope} ${year}`] = await annualReport(store, { clock, publishedOnly, ...(year ? { year } : {}) });
    }
    out[`stats ${scope}`] = await archiveStats(store, { publishedOnly });
    out[`lists ${scope}`] = await assignmentListCounts(store, { clock, publishedOnly });
    for (const list of LISTS) {
      out[`list ${list} ${scope}`] = (
        await assignmentListPage(store, { list, clock, limit: 1, offset: 0, publishedOnly })
      ).total;
    }
    out[`postponed ${scope}`] = (await postponedPage(store, { limit: 1, offset: 0, publishedOnly })).total;
    out[`register options ${scope}`] = await registerOptions(store, { publishedOnly });
    const filters: RegisterFilter[] = [
      {},
      { kind: 'approval' },
      { year: 2016 },
      { body: 'Styrgruppen' },
      { kind: 'assignment', year: 2017, body: 'Kommundirektörsgruppen' },
    ];
    for (const filter of filters) {
      out[`register ${scope} ${JSON.stringify(filter)}`] = (
        await registerPage(store, { ...filter, publishedOnly }, { limit: 1, offset: 0 })
      ).total;
    }
  }
  return out;
}

/** The counts read from the totals equal the counts over the rows (a second connection that does not read them). */
async function expectCountsFromTotals(path: string, store: ArchiveStore) {
  const rows = await open(path, { readTotals: false });
  expect(await everyCount(store)).toEqual(await everyCount(rows));
}

describe('archive totals', () => {
  it('stay equal to a recount through imports, re-imports, deletions, publication, states, links and merges', async () => {
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const path = join(dir.dir, 'archive.db');
    const store = await open(path);
    await importAll(store, DOCUMENTS);
    expectTotalsExact(path);
    const before = await everyCount(store);
    await expectCountsFromTotals(path, store);

    // A later parser version re-reads every file: rows are replaced in place, counts change.
    await importAll(store, DOCUMENTS, rereading);
    expectTotalsExact(path);
    expect(await everyCount(store)).not.toEqual(before);

    const meetings = await store.read((s) => s.meetings.list());
    const hidden = meetings.find((m) => m.date === '2016-12-16' && m.body === 'Kommundirektörsgruppen')!;
    await setPublished(store, hidden.id, false, { actor: 'test', clock });
    expectTotalsExact(path);
    await expectCountsFromTotals(path, store);

    const [first, second] = await listAssignments(store, {}, clock);
    await setAssignmentStatus(store, first!.id, 'done', { clock });
    await setAssignmentStatus(store, second!.id, 'cancelled', { clock });
    await setAssignmentStatus(store, first!.id, 'open', { clock });
    expectTotalsExact(path);

    const suggested = (await listAssignments(store, {}, clock)).find((a) => a.suggestions.length > 0);
    expect(suggested, 'a report-back suggestion to confirm').toBeDefined();
    await decideLink(store, suggested!.suggestions[0]!.id, 'confirmed', { clock });
    const referral = (await listReferrals(store)).find((r) => r.links.length > 0);
    expect(referral, 'a referral suggestion to confirm').toBeDefined();
    await decideLink(store, referral!.links[0]!.id, 'confirmed', { clock });
    expectTotalsExact(path);

    const persons = await listPersons(store);
    const anna = persons.find((p) => p.name === 'Anna Ek')!;
    const ola = persons.find((p) => p.name === 'Ola Berg')!;
    await mergePersons(store, anna.id, ola.id, 'test');
    expectTotalsExact(path);

    await store.write((s) => s.meetings.delete(meetings.find((m) => m.date === '2017-01-20')!.id));
    await setPublished(store, hidden.id, true, { actor: 'test', clock });
    expectTotalsExact(path);
    await expectCountsFromTotals(path, store);

    // A restore brings the decisions along: into an empty archive, and into one that has the protocols already.
    const exported = await exportArchive(store, { format: 'json', outDir: join(dir.dir, 'export') });
    for (const preload of [false, true]) {
      const target = join(dir.dir, `restored-${preload}.db`);
      const restored = await open(target);
      if (preload) await importAll(restored, DOCUMENTS, rereading);
      await importArchive(restored, [exported.files[0]!.path], { parse: rereading });
      expectTotalsExact(target);
      expect((await assignmentListCounts(restored, { clock })).done).toBeGreaterThan(0);
    }
  }, 60_000);

  it('are counted when an archive of an earlier version is opened, and recounted when a trigger is missing', async () => {
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const path = join(dir.dir, 'archive.db');
    const { '0311_archive_totals': _, ...earlier } = APP_MIGRATIONS;
    expect(Object.keys(ARCHIVE_TOTALS_MIGRATIONS)).toEqual(['0311_archive_totals']);
    const old = await openSqliteStore({ path, migrations: earlier });
    await importAll(old, DOCUMENTS);
    await old.close();

    const store = await open(path);
    expectTotalsExact(path);
    await expectCountsFromTotals(path, store);
    await store.close();

    // A rebuilt table loses its triggers; without them the next change would be missed.
    const raw = new Database(path);
    raw.exec(
      "drop trigger archive_totals_participants_update_old; update participants set list = 'present' where list = 'absent'",
    );
    raw.close();
    expect(keptAndRecounted(path).kept).not.toEqual(keptAndRecounted(path).recounted);
    await open(path);
    expectTotalsExact(path);
    const triggers = new Database(path, { readonly: true });
    const found = triggers
      .prepare("select count(*) as n from sqlite_master where name = 'archive_totals_participants_update_old'")
      .get() as { n: number };
    triggers.close();
    expect(found.n).toBe(1);
  }, 60_000);
});
