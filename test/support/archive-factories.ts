import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Migration } from 'kysely';
import type {
  Assignment,
  Decision,
  DecisionKind,
  Item,
  Participant,
  ProtocolDocument,
  Referral,
} from '../../src/domain/document.js';
import { AppError } from '../../src/domain/errors.js';
import { sha256Hex } from '../../src/domain/match-keys.js';
import type { Parser } from '../../src/services/import-archive.js';
import type { ArchiveStore } from '../../src/store/ports.js';
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite-store.js';

/** Small builders for protokoll/1 documents, so archive tests do not depend on the parser. */

export function person(
  name: string,
  organization: string | null = null,
  extra: Partial<Participant> = {},
): Participant {
  return { name, organization, role: null, from: null, to: null, note: null, ...extra };
}

export function assignment(assignees: string[], task: string, due: string | null = null): Assignment {
  return { assignees, task, due, dueText: due ? `i ${due}` : null };
}

export function decision(text: string, kind: DecisionKind = 'approval', assignments: Assignment[] = []): Decision {
  return { text, kind, assignments };
}

export function item(title: string, extra: Partial<Item> = {}): Item {
  return { number: null, title, presenters: [], text: '', decisions: [], referral: null, ...extra };
}

export function referral(date: string | null, text = `Punkten flyttades till ${date}.`): Referral {
  return { to: 'kommundirektörsmöte', date, text };
}

export function makeDocument(overrides: Partial<ProtocolDocument> = {}): ProtocolDocument {
  return {
    schema: 'protokoll/1',
    source: { name: 'test.txt', sha256: '0'.repeat(64), format: 'txt' },
    body: 'Kommundirektörsgruppen',
    organization: 'Familjen Helsingborg',
    number: null,
    date: '2016-11-18',
    start: '08:30',
    end: '12:30',
    place: 'Mind Park E7, Helsingborg',
    present: [],
    absent: [],
    guests: [],
    items: [],
    adjournments: [],
    signatures: [],
    warnings: [],
    ...overrides,
  };
}

/** A test "file": the document as JSON; the fake parser reads it back. `salt` makes two files differ in bytes. */
export function documentFile(document: ProtocolDocument, salt = ''): Buffer {
  return Buffer.from(JSON.stringify({ document, salt }));
}

/**
 * A parser stand-in that reads `documentFile` output. A file whose JSON has `fail` throws that AppError message,
 * as the real parser does for bad input.
 */
export function fakeParser(version = '1.0.0'): Parser {
  return async ({ bytes, name }) => {
    let data: { document?: ProtocolDocument; fail?: string };
    try {
      data = JSON.parse(Buffer.from(bytes).toString('utf8'));
    } catch {
      throw new AppError('not-a-protocol', `${name}: not a test document`);
    }
    if (data.fail || !data.document) throw new AppError('not-a-protocol', `${name}: ${data.fail ?? 'no document'}`);
    const document: ProtocolDocument = {
      ...data.document,
      source: { name, sha256: sha256Hex(bytes), format: 'txt' },
    };
    return { document, text: JSON.stringify(document), parserVersion: version };
  };
}

/** A fresh directory under the OS temp folder, removed by the returned cleanup. */
export function tempDir(prefix = 'protokoll-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** An archive in a temporary file (WAL needs a real file). */
export async function openTempStore(options: { migrations?: Readonly<Record<string, Migration>> } = {}): Promise<{
  store: ArchiveStore;
  dir: string;
  path: string;
  cleanup: () => Promise<void>;
}> {
  const { dir, cleanup } = tempDir();
  const path = join(dir, 'archive.db');
  const store = await openSqliteStore({ path, ...(options.migrations ? { migrations: options.migrations } : {}) });
  return {
    store,
    dir,
    path,
    cleanup: async () => {
      await store.close();
      cleanup();
    },
  };
}

/** A fixed clock for follow-up tests. */
export function fixedClock(iso: string): () => Date {
  return () => new Date(iso);
}
