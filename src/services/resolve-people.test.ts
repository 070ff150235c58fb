import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { matchKey } from '../domain/match-keys.js';
import type { ArchiveStore } from '../store/ports.js';
import { importBytes } from './import-archive.js';
import { listPersons, mergePersons, showPerson, splitPerson } from './resolve-people.js';

const docs = [
  makeDocument({
    date: '2011-11-03',
    present: [
      person('Jan-Inge Hansson', 'Ängelholm'),
      person('Tomas Rikse', 'Båstad'),
      person('Kristina Magnusson', 'Bjuv'),
      person('Herman Crespín', 'Höganäs'),
      person('Thord Persson', 'Skåne Nordväst'),
      person('Ake Svensson', 'Perstorp'),
    ],
    guests: [person('Fredrik Hjort', 'Fastighetsförvaltningen Helsingborg'), person('Anna Eklind', 'traineegrupp 10')],
  }),
  makeDocument({
    date: '2016-11-18',
    present: [
      person('Tomas Rikse', 'Klippan'),
      person('Herman Crespin', 'Höganäs'),
      person('Jan-Inge Hansson', 'Familjen Helsingborg'),
      person('Åke Svensson', 'Perstorp'),
      person('Palle Lundberg', 'Helsingborgs stad'),
      person('Patrik Johansson', 'Båstad kommun'),
    ],
    guests: [person('Morten Hyllegaard', 'Beta')],
    items: [
      item('Projektidéer', {
        decisions: [
          decision('att uppdra', 'assignment', [
            assignment(['nätverket Näringsliv och Destination', 'Palle Lundberg', 'projektledaren'], 'inleda dialog'),
          ]),
        ],
      }),
    ],
  }),
  makeDocument({
    date: '2024-02-16',
    present: [
      person('Kristina Magnusson', 'Ängelholm'),
      person('Tomas Rikse', 'Klippan'),
      person('Christian Dahlmann', 'sekretariatet'),
    ],
    absent: [person('Herman Crespin', 'Höganäs')],
  }),
];

async function importAll(store: ArchiveStore, version: string) {
  for (const [n, doc] of docs.entries()) {
    const result = await importBytes(
      store,
      { bytes: documentFile(doc), name: `${n}.txt` },
      { parse: fakeParser(version) },
    );
    expect(result.outcome).not.toBe('failed');
  }
}

describe('person and organisation registry', () => {
  let store: ArchiveStore;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ store, cleanup } = await openTempStore());
    await importAll(store, '1.0.0');
  });
  afterAll(async () => cleanup());

  it('folds diacritics except å, ä, ö when matching names', () => {
    expect(matchKey('Herman Crespín')).toBe(matchKey('Herman Crespin'));
    expect(matchKey('Martin Güll')).toBe(matchKey('Martin Gull'));
    expect(matchKey('Åke Svensson')).not.toBe(matchKey('Ake Svensson'));
  });

  it('makes one person of two spellings', async () => {
    const crespin = await showPerson(store, 'Herman Crespin');
    expect(crespin.spellings).toEqual(['Herman Crespin', 'Herman Crespín']);
    expect(crespin.meetings).toBe(3);
    const persons = await listPersons(store);
    expect(persons.filter((p) => p.name.startsWith('Herman'))).toHaveLength(1);
    expect(persons.filter((p) => p.name.endsWith('ke Svensson'))).toHaveLength(2);
  });

  it('follows a career across municipalities as memberships over time', async () => {
    const rikse = await showPerson(store, 'Tomas Rikse');
    expect(rikse.memberships.map((m) => [m.organisation, m.firstDate, m.lastDate])).toEqual([
      ['Båstad', '2011-11-03', '2011-11-03'],
      ['Klippan', '2016-11-18', '2024-02-16'],
    ]);
    const magnusson = await showPerson(store, 'Kristina Magnusson');
    expect(magnusson.memberships.map((m) => m.organisation)).toEqual(['Bjuv', 'Ängelholm']);
  });

  it('maps written variants to known organisations and gives new ones a kind', async () => {
    const palle = await showPerson(store, 'Palle Lundberg');
    expect(palle.organisations).toEqual(['Helsingborg']);
    expect((await showPerson(store, 'Patrik Johansson')).organisations).toEqual(['Båstad']);
    expect((await showPerson(store, 'Thord Persson')).memberships[0]?.organisationKind).toBe('secretariat');
    expect((await showPerson(store, 'Jan-Inge Hansson')).organisations).toEqual(['Ängelholm', 'Sekretariatet']);
    expect((await showPerson(store, 'Christian Dahlmann')).organisations).toEqual(['Sekretariatet']);
    const orgs = await store.read((s) => s.organisations.list());
    const byName = (name: string) => orgs.find((o) => o.name === name);
    expect(byName('traineegrupp 10')?.kind).toBe('group');
    expect(byName('Fastighetsförvaltningen Helsingborg')).toMatchObject({
      kind: 'administration',
      parentId: byName('Helsingborg')?.id,
    });
    expect(byName('Beta')?.kind).toBe('other');
    expect(byName('nätverket Näringsliv och Destination')?.kind).toBe('network');
    const [assigned] = await store.read((s) => s.assignments.list());
    expect(assigned?.assignees.map((a) => [a.name, a.personId !== null, a.organisationId !== null])).toEqual([
      ['nätverket Näringsliv och Destination', false, true],
      ['Palle Lundberg', true, false],
      ['projektledaren', false, false],
    ]);
  });

  it('keeps merges and splits through a re-import with a newer parser', async () => {
    await mergePersons(store, 'Åke Svensson', 'Ake Svensson');
    const { created } = await splitPerson(store, 'Tomas Rikse', 'Båstad', { name: 'Tomas Rikse (Båstad)' });
    await importAll(store, '2.0.0');
    const ake = await showPerson(store, 'Åke Svensson');
    expect(ake.spellings).toEqual(['Ake Svensson', 'Åke Svensson']);
    expect(ake.meetings).toBe(2);
    const bastad = await showPerson(store, created.id);
    expect(bastad.memberships.map((m) => m.organisation)).toEqual(['Båstad']);
    const original = (await listPersons(store)).find((p) => p.name === 'Tomas Rikse' && p.id !== created.id)!;
    const klippan = await showPerson(store, original.id);
    expect(klippan.memberships.map((m) => m.organisation)).toEqual(['Klippan']);
    await expect(showPerson(store, 'Tomas Rikse')).rejects.toMatchObject({ code: 'conflict' });
  });
});
