import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assignment,
  decision,
  documentFile,
  fakeParser,
  item,
  makeDocument,
  person,
  referral,
  tempDir,
} from '../../test/support/archive-factories.js';
import { AppError } from '../domain/errors.js';
import type { ArchiveStore } from '../store/ports.js';
import { openSqliteStore } from '../store/sqlite/open-sqlite-store.js';
import { SEARCH_MIGRATIONS, SqliteSearchIndex } from '../store/sqlite/search-index.js';
import { setAssignmentStatus } from './follow-up.js';
import { importBytes } from './import-archive.js';
import { type SearchInput, searchArchive } from './search-archive.js';

const meeting2016 = makeDocument({
  number: '10/2016',
  date: '2016-11-18',
  place: 'Mind Park E7, Helsingborg',
  present: [person('Palle Lundberg', 'Helsingborg'), person('Herman Crespín', 'Höganäs', { from: '09:00' })],
  absent: [person('Christian Alexandersson', 'Landskrona')],
  items: [
    item('Verksamhetsplan 2017-2019', {
      number: '4',
      text: 'Diskussion om budgeten och traineegrupperna.',
      decisions: [decision('att anta förslag nr 2 till verksamhetsplan', 'approval')],
    }),
    item('Vuxenutbildningsansökan', {
      number: '5',
      presenters: ['Carina Leffler'],
      text: 'Nätverket Vuxenutbildning redovisade ansökan.',
      decisions: [
        decision('att uppdra åt Palle Lundberg att redovisa ansökan i februari 2017', 'assignment', [
          assignment(['Palle Lundberg'], 'redovisa ansökan', '2017-02'),
        ]),
      ],
    }),
  ],
  signatures: [{ role: 'chair', title: 'ordförande', name: 'Palle Lundberg' }],
});

const meeting2019 = makeDocument({
  number: '5/2019',
  date: '2019-06-14',
  place: 'Hotel Marina Plaza',
  present: [
    person('Palle Lundberg', 'Helsingborg'),
    person('Herman Crespin', 'Höganäs'),
    person('Tomas Rikse', 'Klippan'),
  ],
  items: [
    item('Avstämning Ängelholm Helsingborg Airport', {
      number: '6',
      text: 'Dialog kring flygplatsen och budget för 2020.',
      decisions: [
        decision('att Klippan får i uppdrag att utreda flygtrafiken', 'assignment', [
          assignment(['Klippan'], 'utreda flygtrafiken'),
        ]),
      ],
    }),
    item('Mötesplan 2020', { number: '8', referral: referral('2019-08-16') }),
  ],
});

const meeting2022 = makeDocument({
  body: 'Styrelsen',
  number: '1/2022',
  date: '2022-02-16',
  present: [person('Palle Lundberg', 'Helsingborg')],
  items: [
    item('Budget 2023', {
      number: '2',
      text: 'Styrelsen diskuterade <budget> & prioriteringar.',
      decisions: [decision('att godkänna budgeten', 'approval')],
    }),
  ],
});

describe('searchArchive (SQLite FTS5)', () => {
  let store: ArchiveStore;
  let index: SqliteSearchIndex;
  let cleanup: () => void;
  const search = (input: SearchInput) => searchArchive(store, index, input);
  const titles = async (input: SearchInput) => (await search(input)).hits.map((h) => `${h.type}:${h.title}`);

  beforeAll(async () => {
    const temp = tempDir();
    cleanup = temp.cleanup;
    index = new SqliteSearchIndex();
    store = await openSqliteStore({
      path: `${temp.dir}/archive.db`,
      migrations: SEARCH_MIGRATIONS,
      searchIndexer: index,
    });
    for (const [name, document] of Object.entries({ meeting2016, meeting2019, meeting2022 })) {
      const result = await importBytes(store, { bytes: documentFile(document), name }, { parse: fakeParser() });
      expect(result.outcome).toBe('imported');
    }
  });
  afterAll(async () => {
    await store.close();
    cleanup();
  });

  it('finds inflected forms and compound parts, items before decisions when the title matches', async () => {
    expect(await titles({ query: 'ansökan' })).toEqual([
      'item:Vuxenutbildningsansökan',
      'decision:Vuxenutbildningsansökan',
    ]);
    expect(await titles({ query: 'vuxenutbildning', types: ['ärende'] })).toEqual(['item:Vuxenutbildningsansökan']);
    expect(await titles({ query: 'traineegrupp' })).toEqual(['item:Verksamhetsplan 2017-2019']);
    expect(await titles({ query: 'flygplatsen' })).toEqual(['item:Avstämning Ängelholm Helsingborg Airport']);
  });

  it('ranks a match in the title above one in the text', async () => {
    const result = await search({ query: 'budget', types: ['item'] });
    expect(result.hits[0]?.title).toBe('Budget 2023');
    expect(result.hits.map((h) => h.title)).toContain('Verksamhetsplan 2017-2019');
  });

  it('returns meetings and persons, with other spellings found', async () => {
    expect(await titles({ query: 'Marina', types: ['möte'] })).toEqual([
      'meeting:Kommundirektörsgruppen protokoll 5/2019',
    ]);
    const persons = await search({ query: 'Crespin', types: ['person'] });
    expect(persons.hits).toHaveLength(1);
    expect(persons.hits[0]?.snippet).toMatch(/Höganäs/);
    expect((await search({ query: 'Crespin', types: ['person'], from: '2019' })).total).toBe(1);
    expect((await search({ query: 'Crespin', types: ['person'], to: '2015' })).total).toBe(0);
    expect((await search({ query: 'Crespin', types: ['person'], body: 'styrelsen' })).total).toBe(0);
  });

  it('highlights matches in titles and snippets from the original text, HTML-escaped', async () => {
    const result = await search({ query: 'budget', body: 'styrelsen', types: ['item'] });
    expect(result.hits).toHaveLength(1);
    expect(result.hits[0]?.titleHtml).toBe('<mark>Budget</mark> 2023');
    expect(result.hits[0]?.snippetHtml).toContain('&lt;<mark>budget</mark>&gt; &amp;');
    expect(result.hits[0]?.snippet).toContain('«budget»');
  });

  it('counts per type, year, body and decision kind over all results', async () => {
    const result = await search({ query: 'budget', limit: 1 });
    expect(result.hits).toHaveLength(1);
    expect(result.total).toBe(result.counts.types.reduce((sum, t) => sum + t.count, 0));
    expect(result.counts.years.map((y) => y.value)).toEqual(['2016', '2019', '2022']);
    expect(result.counts.bodies.map((b) => b.value).sort()).toEqual(['Kommundirektörsgruppen', 'Styrelsen']);
  });

  it('ranks and counts only the newest matches of a broad search, after the filters', async () => {
    const capped = await searchArchive(store, new SqliteSearchIndex(2), { query: 'budget' });
    expect(capped.counts.capped).toBe(true);
    expect(capped.total).toBe(2);
    // The newest matches by import order: the 2022 meeting was imported last.
    expect(capped.hits.map((h) => h.date)).toEqual(['2022-02-16', '2022-02-16']);
    const narrowed = await searchArchive(store, new SqliteSearchIndex(2), { query: 'budget', to: '2016' });
    expect(narrowed.counts.capped).toBe(false);
    expect(narrowed.hits.map((h) => h.date)).toEqual(['2016-11-18']);
    expect((await search({ query: 'budget' })).counts.capped).toBe(false);
  });

  it('finds the protocols of a year by date when they were imported out of date order', async () => {
    const late = makeDocument({
      number: '2/2016',
      date: '2016-03-04',
      items: [item('Budgetuppföljning', { number: '1', text: 'Budget för våren.' })],
    });
    const result = await importBytes(store, { bytes: documentFile(late), name: 'late' }, { parse: fakeParser() });
    expect(result.outcome).toBe('imported');
    const dates = (await search({ query: 'budget', from: '2016', to: '2016', limit: 100 })).hits.map((h) => h.date);
    expect(new Set(dates)).toEqual(new Set(['2016-03-04', '2016-11-18']));
    expect((await search({ query: 'budget', from: '2030' })).total).toBe(0);
  });

  it('pages through results', async () => {
    const all = await search({ query: 'budget', limit: 100 });
    const second = await search({ query: 'budget', limit: 2, offset: 2 });
    expect(second.hits.map((h) => h.id)).toEqual(all.hits.slice(2, 4).map((h) => h.id));
  });

  it('filters by date, body, decision kind, person, organisation and open assignments', async () => {
    expect(
      (await search({ query: 'budget', from: '2019', to: '2019-12' })).hits.every((h) => h.date === '2019-06-14'),
    ).toBe(true);
    expect((await search({ query: 'budget', body: 'Styrelsen' })).hits.every((h) => h.body === 'Styrelsen')).toBe(true);
    expect(await titles({ query: 'att', kind: 'uppdrag', types: ['beslut'] })).toHaveLength(2);
    expect(await titles({ query: 'uppdrag', kind: 'assignment', organisation: 'Klippan', types: ['beslut'] })).toEqual([
      'decision:Avstämning Ängelholm Helsingborg Airport',
    ]);
    const tomas = await titles({ query: 'flygtrafiken OR ansökan', person: 'Tomas Rikse' });
    expect(tomas).toEqual(['decision:Avstämning Ängelholm Helsingborg Airport']);
    const open = await search({ query: 'ansökan OR flygtrafiken', open: true, types: ['decision'] });
    expect(open.hits).toHaveLength(2);
  });

  it('drops a closed assignment from --open results', async () => {
    const assignmentId = await store.read(async (s) => {
      const list = await s.assignments.list();
      return list.find((a) => a.task === 'redovisa ansökan')!.id;
    });
    await setAssignmentStatus(store, assignmentId, 'done');
    expect(await titles({ query: 'ansökan OR flygtrafiken', open: true, types: ['decision'] })).toEqual([
      'decision:Avstämning Ängelholm Helsingborg Airport',
    ]);
  });

  it('groups the best hits per year for a timeline', async () => {
    const result = await search({ query: 'budget', timeline: true, perYear: 1 });
    expect(result.timeline?.map((y) => [y.year, y.hits.length])).toEqual([
      ['2016', 1],
      ['2019', 1],
      ['2022', 1],
    ]);
    expect(result.timeline?.[2]?.count).toBeGreaterThanOrEqual(2);
  });

  it('keeps the index in step with re-imports and removals', async () => {
    expect(await titles({ query: 'prioriteringar' })).toEqual(['item:Budget 2023']);
    const bytes = documentFile(meeting2022);
    const reparsed = makeDocument({ ...meeting2022, items: [item('Budget 2024', { number: '2', text: 'Ny text.' })] });
    const result = await importBytes(
      store,
      { bytes, name: 'meeting2022' },
      {
        parse: async ({ name }) => ({
          document: { ...reparsed, source: { ...reparsed.source, name } },
          text: '',
          parserVersion: '2.0.0',
        }),
        parserVersion: '2.0.0',
      },
    );
    expect(result.outcome).toBe('updated');
    expect(await titles({ query: 'prioriteringar' })).toEqual([]);
    expect(await titles({ query: 'budget', body: 'styrelsen', types: ['item'] })).toEqual(['item:Budget 2024']);
    await store.write(async (session) => index.removeMeeting(session, result.meetingId!));
    expect(await titles({ query: 'budget', body: 'styrelsen' })).toEqual([]);
  });

  it('rejects malformed queries and bad filters with clear errors, never SQL errors', async () => {
    const error = async (input: SearchInput) => {
      try {
        await search(input);
      } catch (e) {
        expect(e).toBeInstanceOf(AppError);
        return e as AppError;
      }
      throw new Error('expected an error');
    };
    expect((await error({ query: '"budget' })).code).toBe('invalid-query');
    expect((await error({ query: 'budget OR' })).code).toBe('invalid-query');
    expect((await error({ query: 'budget', from: '2019-13' })).message).toMatch(/ÅÅÅÅ-MM/);
    expect((await error({ query: 'budget', from: '2020', to: '2019' })).code).toBe('invalid-input');
    expect((await error({ query: 'budget', kind: 'beslutat' })).message).toMatch(/Okänd beslutstyp/);
    expect((await error({ query: 'budget', types: ['bilaga'] })).message).toMatch(/Okänd resultattyp/);
    expect((await error({ query: 'budget', person: 'Ingen Alls' })).code).toBe('not-found');
    expect((await error({ query: 'budget', limit: 0 })).code).toBe('invalid-input');
    expect((await search({ query: 'NEAR(a b) ^budget : x' })).total).toBeGreaterThanOrEqual(0);
  });
});

describe('migration 0100_search', () => {
  it('indexes an archive that was imported before search was plugged in', async () => {
    const { dir, cleanup } = tempDir();
    const path = `${dir}/archive.db`;
    const plain = await openSqliteStore({ path });
    await importBytes(plain, { bytes: documentFile(meeting2019), name: 'a' }, { parse: fakeParser() });
    await plain.close();
    const index = new SqliteSearchIndex();
    const store = await openSqliteStore({ path, migrations: SEARCH_MIGRATIONS, searchIndexer: index });
    const result = await searchArchive(store, index, { query: 'flygplats*' });
    expect(result.hits.map((h) => h.type)).toContain('item');
    await store.close();
    cleanup();
  });
});
