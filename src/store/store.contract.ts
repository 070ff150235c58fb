import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArchiveStore, MeetingBundle } from './ports.js';

/**
 * The behaviour every archive adapter must show. An adapter's test file calls `runStoreContract` with a factory
 * for a fresh, empty, migrated store; a case an adapter cannot meet must be skipped there with the reason.
 */

export interface StoreFactory {
  name: string;
  open(): Promise<{ store: ArchiveStore; cleanup: () => Promise<void> }>;
}

const NOW = '2024-01-01T00:00:00.000Z';

function bundle(meetingId: string, date: string, extra: Partial<MeetingBundle> = {}): MeetingBundle {
  const itemId = `i_${meetingId}`;
  const decisionId = `d_${meetingId}`;
  const assignmentId = `a_${meetingId}`;
  return {
    meeting: {
      id: meetingId,
      naturalKey: `k|${date}`,
      documentId: `doc_${meetingId}`,
      body: 'Gruppen',
      organization: null,
      number: '1/2024',
      date,
      startTime: '08:30',
      endTime: null,
      place: 'Här',
    },
    participants: [],
    items: [
      {
        id: itemId,
        meetingId,
        position: 0,
        naturalKey: 't:budget',
        number: '1',
        title: 'Budget',
        text: 'Om budgeten.',
        presentersJson: '[]',
        referralTo: null,
        referralDate: null,
        referralText: null,
      },
    ],
    decisions: [{ id: decisionId, itemId, meetingId, position: 0, text: 'att uppdra', kind: 'assignment' }],
    assignments: [
      {
        id: assignmentId,
        decisionId,
        itemId,
        meetingId,
        position: 0,
        task: 'redovisa',
        due: '2024-05',
        dueText: 'i maj',
      },
    ],
    assignees: [{ assignmentId, position: 0, name: 'sekretariatet', personId: null, organisationId: null }],
    signatures: [],
    adjournments: [{ meetingId, position: 0, fromTime: '10:00', toTime: '10:30' }],
    ...extra,
  };
}

export function runStoreContract(factory: StoreFactory): void {
  describe(`archive store contract: ${factory.name}`, () => {
    let store: ArchiveStore;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ store, cleanup } = await factory.open());
    });
    afterEach(async () => cleanup());

    it('knows the eleven municipalities, the cooperation and its secretariat from the start', async () => {
      const orgs = await store.read((s) => s.organisations.list());
      expect(orgs.filter((o) => o.kind === 'municipality')).toHaveLength(11);
      expect(orgs.find((o) => o.code === '1283')?.name).toBe('Helsingborg');
      expect(orgs.some((o) => o.kind === 'secretariat')).toBe(true);
      const id = await store.read((s) => s.organisations.findByVariant('helsingborgs stad'));
      expect(id).toBe(orgs.find((o) => o.code === '1283')?.id);
    });

    it('stores a meeting bundle and reads it back unchanged', async () => {
      const b = bundle('m_1', '2024-02-16');
      await store.write((s) => s.meetings.replace(b));
      expect(await store.read((s) => s.meetings.bundle('m_1'))).toEqual(b);
      expect(await store.read((s) => s.meetings.list({ year: 2024 }))).toHaveLength(1);
      expect(await store.read((s) => s.meetings.list({ year: 2023 }))).toHaveLength(0);
    });

    it('rolls back everything a failed write did', async () => {
      await expect(
        store.write(async (s) => {
          await s.meetings.replace(bundle('m_1', '2024-02-16'));
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.read((s) => s.meetings.get('m_1'))).toBeUndefined();
    });

    it('replaces derived rows but keeps manual state keyed by id', async () => {
      await store.write(async (s) => {
        await s.meetings.replace(bundle('m_1', '2024-02-16'));
        await s.assignments.setState({
          assignmentId: 'a_m_1',
          status: 'done',
          note: 'klart',
          changedAt: NOW,
          changedBy: 't',
        });
        await s.corrections.put({
          targetId: 'i_m_1',
          field: 'title',
          meetingId: 'm_1',
          valueJson: '"Budget 2024"',
          createdAt: NOW,
          createdBy: 't',
        });
      });
      await store.write((s) => s.meetings.replace(bundle('m_1', '2024-02-16', { adjournments: [] })));
      const after = await store.read(async (s) => ({
        bundle: await s.meetings.bundle('m_1'),
        states: await s.assignments.states(),
        corrections: await s.corrections.forMeeting('m_1'),
        assignments: await s.assignments.forMeeting('m_1'),
      }));
      expect(after.bundle?.adjournments).toEqual([]);
      expect(after.bundle?.assignees).toHaveLength(1);
      expect(after.states.map((x) => x.status)).toEqual(['done']);
      expect(after.corrections).toHaveLength(1);
      expect(after.assignments[0]?.state?.note).toBe('klart');
      expect(after.assignments[0]?.itemTitle).toBe('Budget');
    });

    it('deleting a meeting removes its derived rows', async () => {
      await store.write((s) => s.meetings.replace(bundle('m_1', '2024-02-16')));
      await store.write((s) => s.meetings.delete('m_1'));
      expect(await store.read((s) => s.assignments.list())).toEqual([]);
      expect(await store.read((s) => s.meetings.items('m_1'))).toEqual([]);
    });

    it('resolves an organisation-specific alias before the general one', async () => {
      await store.write(async (s) => {
        await s.persons.create({ id: 'p_a', name: 'Anna Ek', createdAt: NOW });
        await s.persons.create({ id: 'p_b', name: 'Anna Ek', createdAt: NOW });
        await s.persons.putAlias({
          matchKey: 'anna ek',
          organisationId: '',
          personId: 'p_a',
          spelling: 'Anna Ek',
          source: 'auto',
        });
        const [bjuv] = (await s.organisations.list()).filter((o) => o.name === 'Bjuv');
        await s.persons.putAlias({
          matchKey: 'anna ek',
          organisationId: bjuv!.id,
          personId: 'p_b',
          spelling: 'Anna Ek',
          source: 'manual',
        });
      });
      const bjuv = (await store.read((s) => s.organisations.list())).find((o) => o.name === 'Bjuv')!;
      expect(await store.read((s) => s.persons.resolveAlias('anna ek', bjuv.id))).toBe('p_b');
      expect(await store.read((s) => s.persons.resolveAlias('anna ek', null))).toBe('p_a');
      expect(await store.read((s) => s.persons.resolveAlias('okänd', null))).toBeUndefined();
    });

    it('derives memberships over time from attendance', async () => {
      const orgs = await store.read((s) => s.organisations.list());
      const bastad = orgs.find((o) => o.name === 'Båstad')!.id;
      const klippan = orgs.find((o) => o.name === 'Klippan')!.id;
      const p = (meetingId: string, organisationId: string, list: 'present' | 'absent') => ({
        id: `pa_${meetingId}`,
        meetingId,
        list,
        position: 0,
        name: 'Tomas Rikse',
        organization: null,
        role: null,
        fromTime: null,
        toTime: null,
        note: null,
        isGroup: 0,
        personId: 'p_t',
        organisationId,
      });
      await store.write(async (s) => {
        await s.persons.create({ id: 'p_t', name: 'Tomas Rikse', createdAt: NOW });
        await s.meetings.replace(bundle('m_1', '2011-11-03', { participants: [p('m_1', bastad, 'present')] }));
        await s.meetings.replace({ ...bundle('m_2', '2016-11-18', { participants: [p('m_2', klippan, 'present')] }) });
        await s.meetings.replace(bundle('m_3', '2018-05-18', { participants: [p('m_3', klippan, 'absent')] }));
      });
      const rows = await store.read((s) => s.memberships.forPerson('p_t'));
      expect(rows.map((r) => [r.organisationId, r.firstDate, r.lastDate, r.meetings, r.present])).toEqual([
        [bastad, '2011-11-03', '2011-11-03', 1, 1],
        [klippan, '2016-11-18', '2018-05-18', 2, 1],
      ]);
      expect(rows[1]?.firstMeetingId).toBe('m_2');
      expect(rows[1]?.lastMeetingId).toBe('m_3');
      const stats = await store.read((s) => s.stats.attendanceByMunicipality());
      expect(stats.find((r) => r.id === klippan)).toMatchObject({ present: 1, absent: 1, meetings: 2 });
    });

    it('keeps a decided link when the same suggestion is made again', async () => {
      const link = {
        id: 'l_1',
        kind: 'report-back' as const,
        sourceId: 'a_1',
        sourceMeetingId: 'm_1',
        targetItemId: 'i_2',
        targetMeetingId: 'm_2',
        score: 0.5,
        evidenceJson: '{}',
        status: 'suggested' as const,
        decidedAt: null,
        decidedBy: null,
        note: null,
      };
      await store.write((s) => s.followUps.suggest(link));
      await store.write((s) => s.followUps.decide('l_1', 'confirmed', 'sekr', NOW, null));
      await store.write(async (s) => {
        await s.followUps.clearSuggestions('m_1');
        await s.followUps.clearSuggestionsFrom('a_1');
        await s.followUps.suggest({ ...link, score: 0.7 });
        await s.followUps.suggest({ ...link, id: 'l_2', targetItemId: 'i_3' });
      });
      expect(await store.read((s) => s.followUps.get('l_1'))).toMatchObject({ status: 'confirmed', score: 0.7 });
      await store.write((s) => s.followUps.clearSuggestionsFrom('a_1'));
      expect(await store.read((s) => s.followUps.list({ sourceId: 'a_1' }))).toEqual([
        expect.objectContaining({ id: 'l_1', status: 'confirmed' }),
      ]);
    });

    it('replaces the suggestions of a source, keeping decided links and writing only what changed', async () => {
      const link = (id: string, score: number) => ({
        id,
        kind: 'report-back' as const,
        sourceId: 'a_1',
        sourceMeetingId: 'm_1',
        targetItemId: `i_${id}`,
        targetMeetingId: 'm_2',
        score,
        evidenceJson: '{}',
        status: 'suggested' as const,
        decidedAt: null,
        decidedBy: null,
        note: null,
      });
      await store.write(async (s) => {
        for (const id of ['l_keep', 'l_drop', 'l_decided', 'l_rejected']) await s.followUps.suggest(link(id, 0.5));
        await s.followUps.suggest({ ...link('l_other', 0.5), sourceId: 'a_2' });
        await s.followUps.decide('l_decided', 'confirmed', 'sekr', NOW, null);
        await s.followUps.decide('l_rejected', 'rejected', 'sekr', NOW, null);
      });
      await store.write((s) => s.followUps.replaceSuggestions('a_1', [link('l_keep', 0.9), link('l_new', 0.6)]));
      const rows = await store.read((s) => s.followUps.list());
      expect(rows.map((r) => [r.id, r.status, r.score])).toEqual([
        ['l_keep', 'suggested', 0.9],
        ['l_new', 'suggested', 0.6],
        ['l_decided', 'confirmed', 0.5],
        ['l_rejected', 'rejected', 0.5],
        ['l_other', 'suggested', 0.5],
      ]);
    });

    it('queues meetings for linking, a series together, until they are taken off', async () => {
      await store.write(async (s) => {
        await s.meetings.replace(bundle('m_b', '2016-01-01'));
        await s.meetings.replace(bundle('m_a', '2015-01-01'));
        await s.followUps.queueRelink(['m_b', 'm_gone', 'm_a', 'm_b']);
      });
      expect(await store.read((s) => s.followUps.relinkQueued())).toBe(3);
      // A deleted meeting (no natural key) first, so its stale links go before its series is linked.
      expect(await store.read((s) => s.followUps.nextRelink(10))).toEqual(['m_gone', 'm_a', 'm_b']);
      await store.write((s) => s.followUps.dequeueRelink(['m_gone', 'm_a']));
      expect(await store.read((s) => s.followUps.nextRelink(10))).toEqual(['m_b']);
    });

    it('finds documents by hash and pages through them', async () => {
      await store.write(async (s) => {
        for (const n of [1, 2, 3]) {
          await s.documents.insert({
            id: `doc_${n}`,
            sha256: String(n).repeat(64),
            name: `${n}.txt`,
            format: 'txt',
            bytes: new Uint8Array([n]),
            text: 't',
            documentJson: '{}',
            parserVersion: '1.0.0',
            meetingId: null,
            status: 'primary',
            importedAt: NOW,
            updatedAt: NOW,
          });
        }
      });
      expect((await store.read((s) => s.documents.findBySha('2'.repeat(64))))?.id).toBe('doc_2');
      expect(await store.read((s) => s.documents.count())).toBe(3);
      const page = await store.read((s) => s.documents.page(1, 5));
      expect(page.map((d) => d.id)).toEqual(['doc_2', 'doc_3']);
      expect(Buffer.from(page[0]!.bytes)).toEqual(Buffer.from([2]));
    });

    it('appends to the audit log in the same transaction as the change', async () => {
      await expect(
        store.write(async (s) => {
          await s.audit.append({ at: NOW, actor: 't', action: 'x', targetId: null, details: { a: 1 } });
          throw new Error('undo');
        }),
      ).rejects.toThrow();
      await store.write((s) =>
        s.audit.append({ at: NOW, actor: 't', action: 'y', targetId: 'm_1', details: { a: 1 } }),
      );
      const log = await store.read((s) => s.audit.list());
      expect(log.map((e) => e.action)).toEqual(['y']);
    });
  });
}
