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
import type { ArchiveStore } from '../store/ports.js';
import {
  decideLink,
  dueDeadline,
  isOverdue,
  listAssignments,
  listReferrals,
  setAssignmentStatus,
} from './follow-up.js';
import { importBytes } from './import-archive.js';
import { subjectWords } from './subject-words.js';

const decided = makeDocument({
  date: '2016-11-18',
  items: [
    item('Nya mål för projekt Skitlite och målområde 5 Miljö', {
      number: '3',
      decisions: [
        decision('att utvärdera projektet Skitlite och redovisa hur måltalen utvecklats', 'assignment', [
          assignment(
            ['projektledaren'],
            'utvärdera projektet Skitlite och redovisa hur måltalen utvecklats',
            '2017-02',
          ),
        ]),
      ],
    }),
    item('Eventuell samordnande funktion som stödjer utsatta barns röst', {
      number: '6',
      referral: referral('2017-01', 'Ärendet utgått. Tas upp på kommundirektörgruppen möte i januar 2017.'),
    }),
  ],
});

const reported = makeDocument({
  date: '2017-02-17',
  items: [
    item('Budget 2017', { number: '1' }),
    item('Utvärdering av projekt Skitlite', {
      number: '2',
      text: 'Projektledaren redovisar utvärderingen av Skitlite och hur måltalen har utvecklats sedan starten.',
    }),
  ],
});

const january = (withItem: boolean) =>
  makeDocument({
    date: '2017-01-20',
    items: withItem
      ? [item('Samordnande funktion för utsatta barns röst', { number: '2' })]
      : [item('Trainee', { number: '1' })],
  });

async function load(store: ArchiveStore, doc: ProtocolDocument, version = '1.0.0', salt = '') {
  const result = await importBytes(
    store,
    { bytes: documentFile(doc, salt), name: `${doc.date}.txt` },
    { parse: fakeParser(version) },
  );
  expect(result.outcome, result.reason ?? '').not.toBe('failed');
  return result;
}

describe('follow-up', () => {
  let store: ArchiveStore;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, cleanup } = await openTempStore());
  });
  afterEach(async () => cleanup());

  it('computes due deadlines and overdue with an injected clock', () => {
    expect(dueDeadline('2017-02')).toBe('2017-02-28');
    expect(dueDeadline('2016-02')).toBe('2016-02-29');
    expect(dueDeadline('2017-02-10')).toBe('2017-02-10');
    expect(isOverdue('open', '2017-02', fixedClock('2017-02-28T12:00:00Z'))).toBe(false);
    expect(isOverdue('open', '2017-02', fixedClock('2017-03-01T00:00:00Z'))).toBe(true);
    expect(isOverdue('done', '2017-02', fixedClock('2018-01-01T00:00:00Z'))).toBe(false);
    expect(isOverdue('open', null, fixedClock('2030-01-01T00:00:00Z'))).toBe(false);
  });

  it('stems subject words so inflections meet', () => {
    expect(subjectWords('projektet utvärderingen')).toEqual(subjectWords('projekt utvärdering'));
  });

  it('suggests the later item that reports an assignment back, with evidence, whichever is imported first', async () => {
    await load(store, reported);
    await load(store, decided);
    const [a] = await listAssignments(store, {}, fixedClock('2017-06-01T00:00:00Z'));
    expect(a?.status).toBe('open');
    expect(a?.overdue).toBe(true);
    expect(a?.suggestions).toHaveLength(1);
    expect(a?.suggestions[0]).toMatchObject({
      targetTitle: 'Utvärdering av projekt Skitlite',
      targetDate: '2017-02-17',
    });
    const evidence = a?.suggestions[0]?.evidence as { words: string[]; daysFromDue: number };
    expect(evidence.words).toEqual(expect.arrayContaining(subjectWords('Skitlite utvärdering')));
    expect(evidence.daysFromDue).toBe(-11);
    expect(a!.suggestions[0]!.score).toBeGreaterThan(0.5);
  });

  it('looks for report-backs and referrals in the same series only: the same body of another organisation is not it', async () => {
    await load(store, { ...reported, organization: 'Skåne Nordväst' });
    await load(store, { ...january(true), organization: 'Skåne Nordväst' });
    await load(store, decided);
    const [a] = await listAssignments(store, {}, fixedClock('2017-06-01T00:00:00Z'));
    expect(a?.suggestions).toEqual([]);
    expect((await listReferrals(store))[0]?.status).toBe('pending');
    await load(store, reported);
    const [after] = await listAssignments(store, {}, fixedClock('2017-06-01T00:00:00Z'));
    expect(after?.suggestions.map((s) => s.targetDate)).toEqual(['2017-02-17']);
  });

  it('a confirmed report-back makes the assignment reported, and survives a re-import', async () => {
    await load(store, decided);
    await load(store, reported);
    const [a] = await listAssignments(store);
    await decideLink(store, a!.suggestions[0]!.id.slice(0, 12), 'confirmed', { note: 'ok' });
    const clock = fixedClock('2017-06-01T00:00:00Z');
    expect((await listAssignments(store, {}, clock))[0]).toMatchObject({ status: 'reported', overdue: false });
    await load(store, decided, '1.1.0');
    await load(store, reported, '1.1.0');
    const [after] = await listAssignments(store, {}, clock);
    expect(after?.status).toBe('reported');
    expect(after?.reportedBack?.note).toBe('ok');
    expect(after?.suggestions).toEqual([]);
  });

  it('a rejected suggestion stays rejected after a re-import', async () => {
    await load(store, decided);
    await load(store, reported);
    const [a] = await listAssignments(store);
    await decideLink(store, a!.suggestions[0]!.id, 'rejected');
    await load(store, reported, '1.1.0');
    expect((await listAssignments(store))[0]?.suggestions).toEqual([]);
  });

  it('marks an assignment done with a note; filters open, overdue and assignee', async () => {
    await load(store, decided);
    const clock = fixedClock('2017-06-01T00:00:00Z');
    expect(await listAssignments(store, { overdue: true }, clock)).toHaveLength(1);
    expect(await listAssignments(store, { assignee: 'Projektledaren' }, clock)).toHaveLength(1);
    expect(await listAssignments(store, { assignee: 'sekretariatet' }, clock)).toHaveLength(0);
    const [a] = await listAssignments(store, {}, clock);
    const done = await setAssignmentStatus(store, a!.id.slice(0, 10), 'done', { note: 'Redovisat i mars', clock });
    expect(done).toMatchObject({ status: 'done', note: 'Redovisat i mars', overdue: false });
    expect(await listAssignments(store, { open: true }, clock)).toHaveLength(0);
    await load(store, decided, '1.1.0');
    expect((await listAssignments(store, {}, clock))[0]?.status).toBe('done');
    const log = await store.read((s) => s.audit.list());
    expect(log.some((e) => e.action === 'assignment.done' && e.targetId === a!.id)).toBe(true);
  });

  it('links a referral to the item of the target meeting that took it up', async () => {
    await load(store, decided);
    expect((await listReferrals(store))[0]?.status).toBe('pending');
    await load(store, january(true));
    const [r] = await listReferrals(store);
    expect(r?.status).toBe('suggested');
    expect(r?.links[0]?.targetTitle).toBe('Samordnande funktion för utsatta barns röst');
    await decideLink(store, r!.links[0]!.id, 'confirmed');
    expect((await listReferrals(store))[0]?.status).toBe('taken-up');
  });

  it('moves a referral to "the next meeting" when an earlier next meeting is imported later', async () => {
    const meeting = (date: string, withItem: boolean) =>
      makeDocument({
        date,
        items: [
          item('Gatubelysning i centrum', {
            number: '1',
            ...(withItem ? {} : { referral: referral(null, 'Ärendet bordläggs.') }),
          }),
        ],
      });
    await load(store, meeting('2017-03-01', false));
    await load(store, meeting('2017-05-01', true));
    expect((await listReferrals(store))[0]?.links.map((l) => l.targetDate)).toEqual(['2017-05-01']);
    await load(store, meeting('2017-04-01', true));
    expect((await listReferrals(store))[0]?.links.map((l) => l.targetDate)).toEqual(['2017-04-01']);
  });

  it('flags a referral as not taken up when the target meeting is archived without it', async () => {
    await load(store, january(false));
    await load(store, decided);
    const [r] = await listReferrals(store);
    expect(r?.status).toBe('not-taken-up');
    const flags = await store.read((s) => s.flags.list({ kind: 'referral-not-taken-up' }));
    expect(flags).toHaveLength(1);
  });
});
