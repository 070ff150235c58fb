import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ArchiveSession, ArchiveStore, MeetingBundle } from '../store/ports.js';
import type { DocumentRow } from '../store/schema.js';
import { ARCHIVE_EXPORT_SCHEMA } from './archive-export-schema.js';
import { type Clock, systemClock } from './follow-up.js';

export type ExportFormat = 'json' | 'csv';

export interface ExportResult {
  format: ExportFormat;
  files: Array<{ path: string; rows: number }>;
}

const PAGE = 200;

/** A document as exported: every stored field, bytes in base64, the protokoll/1 object parsed. */
export function exportedDocument(row: DocumentRow) {
  return {
    id: row.id,
    sha256: row.sha256,
    name: row.name,
    format: row.format,
    status: row.status,
    meetingId: row.meetingId,
    parserVersion: row.parserVersion,
    importedAt: row.importedAt,
    updatedAt: row.updatedAt,
    text: row.text,
    bytes: Buffer.from(row.bytes).toString('base64'),
    document: JSON.parse(row.documentJson) as unknown,
  };
}

/** A meeting's derived rows with JSON columns parsed, as exported (informative; restore derives them again). */
export function exportedMeeting(bundle: MeetingBundle) {
  return {
    ...bundle,
    items: bundle.items.map(({ presentersJson, ...item }) => ({ ...item, presenters: JSON.parse(presentersJson) })),
  };
}

/** The small tables, whole: registry, manual state, links and flags. */
export async function exportedState(session: ArchiveSession) {
  return {
    organisations: await session.organisations.list(),
    organisationVariants: await session.organisations.variants(),
    persons: await session.persons.list(),
    personAliases: await session.persons.aliases(),
    corrections: (await session.corrections.all()).map(({ valueJson, ...c }) => ({
      ...c,
      value: JSON.parse(valueJson),
    })),
    assignmentStates: await session.assignments.states(),
    followUpLinks: (await session.followUps.list()).map(({ evidenceJson, ...l }) => ({
      ...l,
      evidence: JSON.parse(evidenceJson),
    })),
    flags: (await session.flags.list()).map(({ detailsJson, ...f }) => ({ ...f, details: JSON.parse(detailsJson) })),
    publication: await session.publication.all(),
  };
}

async function writeChunk(stream: NodeJS.WritableStream, chunk: string): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

async function finish(stream: NodeJS.WritableStream & { close?: () => void }): Promise<void> {
  stream.end();
  await once(stream, 'finish');
}

async function writeJson(store: ArchiveStore, dir: string, clock: Clock): Promise<ExportResult> {
  const path = join(dir, 'protokoll-archive.json');
  const out = createWriteStream(path, { encoding: 'utf8' });
  let documents = 0;
  let meetings = 0;
  // One read snapshot, so the export is consistent even while an import runs.
  await store.read(async (session) => {
    await writeChunk(
      out,
      `{"schema":${JSON.stringify(ARCHIVE_EXPORT_SCHEMA)},"exportedAt":${JSON.stringify(clock().toISOString())}`,
    );
    const state = await exportedState(session);
    for (const [key, value] of Object.entries(state))
      await writeChunk(out, `,\n${JSON.stringify(key)}:${JSON.stringify(value)}`);
    await writeChunk(out, ',\n"documents":[');
    const count = await session.documents.count();
    for (let offset = 0; offset < count; offset += PAGE) {
      for (const row of await session.documents.page(offset, PAGE)) {
        await writeChunk(out, `${documents++ ? ',' : ''}\n${JSON.stringify(exportedDocument(row))}`);
      }
    }
    await writeChunk(out, '\n],\n"meetings":[');
    for (const meeting of await session.meetings.list()) {
      const bundle = await session.meetings.bundle(meeting.id);
      if (bundle) await writeChunk(out, `${meetings++ ? ',' : ''}\n${JSON.stringify(exportedMeeting(bundle))}`);
    }
    await writeChunk(out, '\n]}\n');
  });
  await finish(out);
  return { format: 'json', files: [{ path, rows: documents }] };
}

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

async function writeCsv(
  dir: string,
  name: string,
  columns: readonly string[],
  rows: AsyncIterable<Record<string, unknown>> | Iterable<Record<string, unknown>>,
): Promise<{ path: string; rows: number }> {
  const path = join(dir, `${name}.csv`);
  const out = createWriteStream(path, { encoding: 'utf8' });
  await writeChunk(out, `${columns.join(',')}\n`);
  let n = 0;
  for await (const row of rows) {
    await writeChunk(out, `${columns.map((c) => csvCell(row[c])).join(',')}\n`);
    n++;
  }
  await finish(out);
  return { path, rows: n };
}

async function* bundles(session: ArchiveSession): AsyncIterable<MeetingBundle> {
  for (const meeting of await session.meetings.list()) {
    const bundle = await session.meetings.bundle(meeting.id);
    if (bundle) yield bundle;
  }
}

async function* flatten<T>(source: AsyncIterable<MeetingBundle>, pick: (b: MeetingBundle) => T[]): AsyncIterable<T> {
  for await (const b of source) yield* pick(b);
}

async function writeCsvs(store: ArchiveStore, dir: string): Promise<ExportResult> {
  const files: ExportResult['files'] = [];
  await store.read(async (session) => {
    const meetingRows = await session.meetings.list();
    files.push(
      await writeCsv(
        dir,
        'meetings',
        ['id', 'body', 'organization', 'number', 'date', 'startTime', 'endTime', 'place', 'documentId'],
        meetingRows,
      ),
    );
    const sections: Array<[string, string[], (b: MeetingBundle) => Record<string, unknown>[]]> = [
      [
        'participants',
        [
          'meetingId',
          'list',
          'position',
          'name',
          'organization',
          'role',
          'fromTime',
          'toTime',
          'note',
          'personId',
          'organisationId',
        ],
        (b) => b.participants,
      ],
      [
        'items',
        [
          'id',
          'meetingId',
          'position',
          'number',
          'title',
          'text',
          'presenters',
          'referralTo',
          'referralDate',
          'referralText',
        ],
        (b) => b.items.map((i) => ({ ...i, presenters: (JSON.parse(i.presentersJson) as string[]).join('; ') })),
      ],
      ['decisions', ['id', 'itemId', 'meetingId', 'position', 'kind', 'text'], (b) => b.decisions],
      [
        'assignments',
        ['id', 'decisionId', 'itemId', 'meetingId', 'position', 'task', 'due', 'dueText'],
        (b) => b.assignments,
      ],
      ['assignees', ['assignmentId', 'position', 'name', 'personId', 'organisationId'], (b) => b.assignees],
      ['signatures', ['meetingId', 'position', 'role', 'title', 'name', 'personId'], (b) => b.signatures],
    ];
    for (const [name, columns, pick] of sections)
      files.push(await writeCsv(dir, name, columns, flatten(bundles(session), pick)));
    const state = await exportedState(session);
    files.push(await writeCsv(dir, 'persons', ['id', 'name', 'createdAt'], state.persons));
    files.push(
      await writeCsv(
        dir,
        'person_aliases',
        ['matchKey', 'organisationId', 'personId', 'spelling', 'source'],
        state.personAliases,
      ),
    );
    files.push(await writeCsv(dir, 'organisations', ['id', 'name', 'kind', 'code', 'parentId'], state.organisations));
    files.push(
      await writeCsv(
        dir,
        'memberships',
        [
          'personId',
          'organisationId',
          'role',
          'firstDate',
          'lastDate',
          'firstMeetingId',
          'lastMeetingId',
          'meetings',
          'present',
        ],
        await session.memberships.all(),
      ),
    );
    files.push(
      await writeCsv(
        dir,
        'assignment_states',
        ['assignmentId', 'status', 'note', 'changedAt', 'changedBy'],
        state.assignmentStates,
      ),
    );
    files.push(
      await writeCsv(
        dir,
        'followup_links',
        ['id', 'kind', 'sourceId', 'targetItemId', 'targetMeetingId', 'score', 'status', 'evidence', 'note'],
        state.followUpLinks,
      ),
    );
    files.push(await writeCsv(dir, 'flags', ['id', 'kind', 'meetingId', 'subjectId', 'details'], state.flags));
  });
  return { format: 'csv', files };
}

/**
 * Exports the whole archive into a folder. JSON (`protokoll-archive.json`) holds everything, including original
 * bytes and manual state, and imports back into an empty database as the same archive; CSV writes one table per file
 * for spreadsheets and open data (not meant for re-import).
 */
export async function exportArchive(
  store: ArchiveStore,
  options: { format: ExportFormat; outDir: string; clock?: Clock },
): Promise<ExportResult> {
  await mkdir(options.outDir, { recursive: true });
  return options.format === 'json'
    ? writeJson(store, options.outDir, options.clock ?? systemClock)
    : writeCsvs(store, options.outDir);
}
