import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  assignment,
  decision,
  documentFile,
  fakeParser,
  item,
  makeDocument,
  openTempStore,
  person,
} from '../../test/support/archive-factories.js';
import type { ArchiveStore } from '../store/ports.js';
import { correctField } from './corrections.js';
import { collectFiles, importArchive } from './import-archive.js';

const v1 = { parse: fakeParser('1.0.0'), parserVersion: '1.0.0' };
const v2 = { parse: fakeParser('1.1.0'), parserVersion: '1.1.0' };

const meeting2016 = makeDocument({
  number: '10/2016',
  date: '2016-11-18',
  present: [person('Palle Lundberg', 'Helsingborg'), person('Herman Crespin', 'Höganäs', { from: '09:00' })],
  absent: [person('Lena Mårtensson-Stenudd', 'Åstorp')],
  guests: [
    person('Martin Güll', 'Helsingborgs stad', { role: 'digitaliseringsdirektör' }),
    person('hela traineegrupp 11', null, { role: 'group' }),
  ],
  items: [
    item('Nya mål för projekt Skitlite och målområde 5 Miljö', {
      number: '3',
      decisions: [
        decision('att uppdra åt projektledaren att arbeta fram ett underlag', 'assignment', [
          assignment(['projektledaren'], 'arbeta fram ett underlag om Skitlite', '2017-02'),
        ]),
      ],
    }),
    item('Verksamhetsplan 2017-2019', { number: '4', decisions: [decision('att anta förslaget')] }),
  ],
  signatures: [{ role: 'chair', title: 'ordförande', name: 'Palle Lundberg' }],
  warnings: [{ code: 'comma-inferred', message: 'komma saknas', line: 12 }],
});

describe('importArchive', () => {
  let store: ArchiveStore;
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, dir, cleanup } = await openTempStore());
  });
  afterEach(async () => cleanup());

  function write(relative: string, bytes: Buffer | string): string {
    const path = join(dir, 'in', relative);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, bytes);
    return path;
  }

  it('imports folders recursively and stores the document with all derived rows', async () => {
    write('2016/protokoll-10.txt', documentFile(meeting2016));
    write('2016/.hidden.txt', 'x');
    write('2016/notes.xyz', 'x');
    const summary = await importArchive(store, [join(dir, 'in')], v1);
    expect(summary.total).toBe(1);
    expect(summary.imported).toHaveLength(1);
    const meetingId = summary.imported[0]!.meetingId!;
    const { bundle, documents, warnings } = await store.read(async (s) => {
      const docs = await s.documents.listForMeeting(meetingId);
      return {
        bundle: await s.meetings.bundle(meetingId),
        documents: docs,
        warnings: await s.documents.warnings(docs[0]!.id),
      };
    });
    expect(bundle?.meeting).toMatchObject({ number: '10/2016', date: '2016-11-18', body: 'Kommundirektörsgruppen' });
    expect(bundle?.participants).toHaveLength(5);
    expect(bundle?.participants.find((p) => p.isGroup)?.personId).toBeNull();
    expect(bundle?.items.map((i) => i.number)).toEqual(['3', '4']);
    expect(bundle?.decisions).toHaveLength(2);
    expect(bundle?.assignments[0]).toMatchObject({ due: '2017-02', task: 'arbeta fram ett underlag om Skitlite' });
    expect(bundle?.signatures[0]?.personId).toBe(bundle?.participants[0]?.personId);
    expect(documents[0]).toMatchObject({ name: 'protokoll-10.txt', parserVersion: '1.0.0', status: 'primary' });
    expect(JSON.parse(documents[0]!.documentJson).schema).toBe('protokoll/1');
    expect(warnings.map((w) => w.code)).toEqual(['comma-inferred']);
  });

  it('follows symbolic links to files and folders, and a link back up the tree does not loop', async () => {
    const target = write('store/2016/protokoll-10.txt', documentFile(meeting2016));
    mkdirSync(join(dir, 'links'));
    symlinkSync(target, join(dir, 'links', 'protokoll.txt'));
    symlinkSync(join(dir, 'links'), join(dir, 'links', 'loop'));
    symlinkSync(join(dir, 'nowhere.txt'), join(dir, 'links', 'broken.txt'));
    const { files } = await collectFiles([join(dir, 'links')]);
    expect(files).toEqual([join(dir, 'links', 'protokoll.txt')]);
    const summary = await importArchive(store, [join(dir, 'links')], v1);
    expect(summary.imported).toHaveLength(1);
  });

  it('gives the same ids on every import (deterministic)', async () => {
    const path = write('a.txt', documentFile(meeting2016));
    const first = await importArchive(store, [path], v1);
    const other = await openTempStore();
    const second = await importArchive(other.store, [path], v1);
    const ids = async (s: ArchiveStore, m: string) =>
      s.read(async (x) => {
        const b = await x.meetings.bundle(m);
        return [b?.meeting.id, ...(b?.items.map((i) => i.id) ?? []), ...(b?.participants.map((p) => p.personId) ?? [])];
      });
    expect(await ids(other.store, second.imported[0]!.meetingId!)).toEqual(
      await ids(store, first.imported[0]!.meetingId!),
    );
    await other.cleanup();
  });

  it('leaves a file imported by the same parser version unchanged', async () => {
    const path = write('a.txt', documentFile(meeting2016));
    await importArchive(store, [path], v1);
    const again = await importArchive(store, [path], v1);
    expect(again.unchanged).toHaveLength(1);
    // Without a known version the file is parsed, and found unchanged inside the transaction.
    const parsedAgain = await importArchive(store, [path], { parse: fakeParser('1.0.0') });
    expect(parsedAgain.unchanged).toHaveLength(1);
    expect(await store.read((s) => s.documents.count())).toBe(1);
  });

  it('updates in place for a newer parser version and keeps corrections and statuses', async () => {
    const path = write('a.txt', documentFile(meeting2016));
    const first = await importArchive(store, [path], v1);
    const meetingId = first.imported[0]!.meetingId!;
    const bundle = await store.read((s) => s.meetings.bundle(meetingId));
    const itemId = bundle!.items[1]!.id;
    await correctField(store, itemId, 'title', 'Verksamhetsplan för 2017–2019');
    await correctField(store, bundle!.assignments[0]!.id, 'due', '2017-03');
    const second = await importArchive(store, [path], v2);
    expect(second.updated).toHaveLength(1);
    expect(second.updated[0]!.meetingId).toBe(meetingId);
    const after = await store.read((s) => s.meetings.bundle(meetingId));
    expect(after!.items[1]).toMatchObject({ id: itemId, title: 'Verksamhetsplan för 2017–2019' });
    expect(after!.assignments[0]!.due).toBe('2017-03');
    const doc = await store.read((s) => s.documents.listForMeeting(meetingId));
    expect(doc[0]!.parserVersion).toBe('1.1.0');
    expect(await store.read((s) => s.documents.count())).toBe(1);
  });

  it('flags a second file for the same meeting instead of duplicating it', async () => {
    const a = write('a.txt', documentFile(meeting2016));
    const b = write('b.txt', documentFile(meeting2016, 'scanned copy'));
    const summary = await importArchive(store, [a, b], v1);
    expect(summary.imported).toHaveLength(1);
    expect(summary.duplicates).toHaveLength(1);
    expect(summary.duplicates[0]!.reason).toMatch(/same meeting/);
    const state = await store.read(async (s) => ({
      meetings: await s.meetings.list(),
      flags: await s.flags.list({ kind: 'duplicate-meeting' }),
      documents: await s.documents.count(),
    }));
    expect(state.meetings).toHaveLength(1);
    expect(state.documents).toBe(2);
    expect(state.flags).toHaveLength(1);
  });

  it('records a failing document, keeps going, and leaves nothing of it behind', async () => {
    const bad = write('1-bad.txt', JSON.stringify({ fail: 'no protocol here' }));
    const good = write('2-good.txt', documentFile(meeting2016));
    const summary = await importArchive(store, [bad, join(dir, 'missing.pdf'), good], v1);
    expect(summary.failed.map((f) => [f.code, f.reason])).toEqual([
      ['unreadable-file', expect.stringMatching(/no such file/)],
      ['not-a-protocol', expect.stringMatching(/no protocol here/)],
    ]);
    expect(summary.imported).toHaveLength(1);
    expect(await store.read((s) => s.documents.count())).toBe(1);
  });

  it('rolls back a document whose rows cannot be stored', async () => {
    const broken = makeDocument({ items: [item('x', { decisions: [{ text: '', kind: 'other', assignments: [] }] })] });
    const path = write('broken.txt', documentFile(broken));
    const summary = await importArchive(store, [path], v1);
    expect(summary.failed).toHaveLength(1);
    expect(await store.read((s) => s.documents.count())).toBe(0);
    expect(await store.read((s) => s.persons.list())).toEqual([]);
  });

  it('stores the rest of a batch around a document that fails to store, with its links and index', async () => {
    const broken = makeDocument({
      date: '2017-01-20',
      items: [item('x', { decisions: [{ text: '', kind: 'other', assignments: [] }] })],
    });
    const later = makeDocument({ date: '2017-02-17', items: [item('Utvärdering av projekt Skitlite')] });
    const paths = [
      write('1.txt', documentFile(meeting2016)),
      write('2.txt', documentFile(broken)),
      write('3.txt', documentFile(later)),
    ];
    const summary = await importArchive(store, paths, { ...v1, batchSize: 10 });
    expect(summary.imported.map((r) => r.file)).toEqual([paths[0], paths[2]]);
    expect(summary.failed.map((r) => r.file)).toEqual([paths[1]]);
    const state = await store.read(async (s) => ({
      meetings: (await s.meetings.list()).map((m) => m.date),
      links: await s.followUps.list({ kind: 'report-back' }),
    }));
    expect(state.meetings).toEqual(['2016-11-18', '2017-02-17']);
    expect(state.links).toHaveLength(1);
  });

  it('changes nothing in a dry run but reports what would happen', async () => {
    const path = write('a.txt', documentFile(meeting2016));
    const summary = await importArchive(store, [path], { ...v1, dryRun: true });
    expect(summary.dryRun).toBe(true);
    expect(summary.imported).toHaveLength(1);
    expect(await store.read((s) => s.documents.count())).toBe(0);
  });

  it('reports progress for every file', async () => {
    const paths = [write('a.txt', documentFile(meeting2016)), write('b.txt', '{}')];
    const seen: string[] = [];
    await importArchive(store, paths, {
      ...v1,
      onProgress: (p) => seen.push(`${p.done}/${p.total} ${p.result.outcome}`),
    });
    expect(seen).toEqual(['1/2 imported', '2/2 failed']);
  });
});
