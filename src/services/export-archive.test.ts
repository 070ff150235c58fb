import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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
  person,
  referral,
  tempDir,
} from '../../test/support/archive-factories.js';
import { APP_MIGRATIONS } from '../cli/open-archive.js';
import type { ArchiveStore } from '../store/ports.js';
import { correctField } from './corrections.js';
import { exportArchive } from './export-archive.js';
import { decideLink, listAssignments, setAssignmentStatus } from './follow-up.js';
import { importArchive, importBytes } from './import-archive.js';
import { hiddenMeetings, setPublished } from './publication.js';
import { mergePersons } from './resolve-people.js';

const parse = fakeParser('1.0.0');

async function buildArchive(store: ArchiveStore) {
  const first = makeDocument({
    date: '2016-11-18',
    present: [person('Herman Crespin', 'Höganäs'), person('Tomas Rikse', 'Klippan')],
    guests: [person('Morten Hyllegaard', 'Beta'), person('hela traineegrupp 11', null, { role: 'group' })],
    items: [
      item('Projekt Skitlite', {
        number: '3',
        decisions: [
          decision('att utvärdera Skitlite', 'assignment', [
            assignment(['projektledaren'], 'utvärdera projektet Skitlite och måltalen', '2017-02'),
          ]),
        ],
      }),
      item('Mötesplan 2017', { number: '4', referral: referral('2017-02-17') }),
    ],
    signatures: [{ role: 'chair', title: 'ordförande', name: 'Tomas Rikse' }],
    warnings: [{ code: 'numbering-gap', message: 'gap', line: 3 }],
  });
  const second = makeDocument({
    date: '2017-02-17',
    present: [person('Herman Crespín', 'Höganäs'), person('T. Rikse', 'Klippan')],
    items: [item('Utvärdering av projektet Skitlite', { number: '1', text: 'Måltalen för Skitlite redovisades.' })],
  });
  for (const [name, bytes] of [
    ['a.txt', documentFile(first)],
    ['b.txt', documentFile(second)],
    ['c.txt', documentFile(first, 'another scan of the same meeting')],
  ] as const) {
    await importBytes(store, { bytes, name }, { parse, clock: fixedClock('2024-03-01T10:00:00Z') });
  }
  await mergePersons(store, 'Tomas Rikse', 'T. Rikse');
  const [a] = await listAssignments(store);
  await decideLink(store, a!.suggestions[0]!.id, 'confirmed', { note: 'redovisat' });
  await setAssignmentStatus(store, a!.id, 'done', { note: 'klart' });
  await correctField(store, a!.itemId, 'title', 'Projekt Skitlite (mål)');
  await setPublished(store, a!.meetingId, false, { actor: 'sekreterare' });
}

function withoutTimestamp(path: string) {
  const data = JSON.parse(readFileSync(path, 'utf8'));
  delete data.exportedAt;
  return data;
}

describe('export', () => {
  let store: ArchiveStore;
  let cleanup: () => Promise<void>;
  let out: ReturnType<typeof tempDir>;
  beforeEach(async () => {
    ({ store, cleanup } = await openTempStore({ migrations: APP_MIGRATIONS }));
    out = tempDir();
    await buildArchive(store);
  });
  afterEach(async () => {
    await cleanup();
    out.cleanup();
  });

  it('round-trips: importing the JSON export into an empty archive gives the same archive', async () => {
    const first = await exportArchive(store, { format: 'json', outDir: join(out.dir, 'one') });
    const exported = withoutTimestamp(first.files[0]!.path);
    expect(exported.documents).toHaveLength(3);
    expect(exported.flags.map((f: { kind: string }) => f.kind).sort()).toEqual([
      'duplicate-meeting',
      'referral-not-taken-up',
    ]);
    const other = await openTempStore({ migrations: APP_MIGRATIONS });
    const summary = await importArchive(other.store, [first.files[0]!.path], { parse });
    expect(summary.failed).toEqual([]);
    expect(summary.imported).toHaveLength(2);
    expect(summary.duplicates).toHaveLength(1);
    const second = await exportArchive(other.store, { format: 'json', outDir: join(out.dir, 'two') });
    expect(withoutTimestamp(second.files[0]!.path)).toEqual(exported);
    const [a] = await listAssignments(other.store);
    expect(a).toMatchObject({ status: 'done', note: 'klart', itemTitle: 'Projekt Skitlite (mål)' });
    expect([...(await hiddenMeetings(other.store))]).toEqual([a!.meetingId]);
    expect(exported.publication).toEqual([expect.objectContaining({ meetingId: a!.meetingId, published: false })]);
    expect(a?.reportedBack?.note).toBe('redovisat');
    // Restoring again changes nothing.
    const again = await importArchive(other.store, [first.files[0]!.path], { parse });
    expect(again.unchanged).toHaveLength(3);
    await other.cleanup();
  });

  it('writes one CSV per table with a header row', async () => {
    const result = await exportArchive(store, { format: 'csv', outDir: out.dir });
    const names = result.files.map((f) => f.path.split('/').pop());
    expect(names).toEqual(
      expect.arrayContaining(['meetings.csv', 'items.csv', 'assignments.csv', 'persons.csv', 'memberships.csv']),
    );
    const meetings = readFileSync(join(out.dir, 'meetings.csv'), 'utf8').trim().split('\n');
    expect(meetings[0]).toBe('id,body,organization,number,date,startTime,endTime,place,documentId');
    expect(meetings).toHaveLength(3);
    const items = readFileSync(join(out.dir, 'items.csv'), 'utf8');
    expect(items).toContain('Projekt Skitlite (mål)');
    expect(items.split('\n')[0]).toBe(
      'id,meetingId,position,number,title,text,presenters,referralTo,referralDate,referralText',
    );
    expect(result.files.find((f) => f.path.endsWith('persons.csv'))?.rows).toBe(3);
  });
});
