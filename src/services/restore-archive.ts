import { AppError } from '../domain/errors.js';
import type { ArchiveStore } from '../store/ports.js';
import { ArchiveExportSchema } from './archive-export-schema.js';
import { systemClock } from './follow-up.js';
import { type FileResult, failedResult, type ImportOptions, writeOne } from './import-archive.js';
import { type StoreContext, storeParsedDocument } from './store-document.js';

/**
 * Restores a `protokoll-archive/1` export: registry and manual state first (so people, organisations, corrections,
 * statuses and link decisions come back under the same ids), then every document through the normal import path,
 * one transaction each, with its original timestamps. Documents already in the archive come out `unchanged`.
 */
export async function restoreArchive(
  store: ArchiveStore,
  bytes: Uint8Array,
  file: string,
  options: ImportOptions = {},
): Promise<FileResult[]> {
  let data: ReturnType<typeof ArchiveExportSchema.parse>;
  try {
    const parsed = ArchiveExportSchema.safeParse(JSON.parse(Buffer.from(bytes).toString('utf8')));
    if (!parsed.success) {
      throw new AppError(
        'invalid-input',
        `${file}: not a valid archive export (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message})`,
      );
    }
    data = parsed.data;
  } catch (error) {
    return [
      failedResult(
        file,
        error instanceof SyntaxError ? new AppError('invalid-input', `${file}: ${error.message}`) : error,
      ),
    ];
  }
  const clock = options.clock ?? systemClock;
  const state = await writeOne(store, `${file}#registry`, options.dryRun ?? false, async (session) => {
    const orgs = [...data.organisations].sort((a, b) => Number(a.parentId !== null) - Number(b.parentId !== null));
    for (const org of orgs) if (!(await session.organisations.get(org.id))) await session.organisations.create(org);
    for (const v of data.organisationVariants) await session.organisations.putVariant(v.matchKey, v.organisationId);
    for (const person of data.persons)
      if (!(await session.persons.get(person.id))) await session.persons.create(person);
    for (const alias of data.personAliases) await session.persons.putAlias(alias);
    for (const { value, ...c } of data.corrections)
      await session.corrections.put({ ...c, valueJson: JSON.stringify(value) });
    for (const s of data.assignmentStates) await session.assignments.setState(s);
    for (const { evidence, ...link } of data.followUpLinks) {
      // Only decisions are state; suggestions are recomputed by the document imports below.
      if (link.status === 'suggested') continue;
      // Stored as a suggestion first and then updated to its decision, as a secretary decides one: a change of
      // status is what the archive's kept totals (reported assignments, items taken up) watch links for.
      const row = { ...link, evidenceJson: JSON.stringify(evidence) };
      await session.followUps.put({ ...row, status: 'suggested' });
      await session.followUps.put(row);
    }
    return { outcome: 'unchanged', documentId: null, meetingId: null, reason: null, code: null, warnings: 0 };
  });
  if (state.outcome === 'failed') return [state];
  const results: FileResult[] = [];
  // Primary documents first, so a duplicate finds its meeting and is flagged, as in the original archive.
  const documents = [...data.documents].sort(
    (a, b) =>
      Number(a.status === 'duplicate') - Number(b.status === 'duplicate') ||
      a.importedAt.localeCompare(b.importedAt) ||
      a.id.localeCompare(b.id),
  );
  for (const doc of documents) {
    const context: StoreContext = {
      indexer: store.searchIndexer,
      now: clock().toISOString(),
      actor: options.actor ?? 'restore',
      ...(options.analyze ? { analyze: options.analyze } : {}),
    };
    const result = await writeOne(store, `${file}#${doc.name}`, options.dryRun ?? false, (session) =>
      storeParsedDocument(
        session,
        {
          bytes: Buffer.from(doc.bytes, 'base64'),
          name: doc.name,
          sha256: doc.sha256,
          parsed: { document: doc.document, text: doc.text, parserVersion: doc.parserVersion },
          importedAt: doc.importedAt,
          updatedAt: doc.updatedAt,
        },
        context,
      ),
    );
    results.push(result);
  }
  if (data.publication.length > 0) {
    const published = await writeOne(store, `${file}#publication`, options.dryRun ?? false, async (session) => {
      for (const p of data.publication)
        await session.publication.set(p.meetingId, p.published, p.changedBy, p.changedAt);
      return { outcome: 'unchanged', documentId: null, meetingId: null, reason: null, code: null, warnings: 0 };
    });
    if (published.outcome === 'failed') results.push(published);
  }
  return results;
}
