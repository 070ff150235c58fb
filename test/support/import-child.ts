/**
 * Child process for the crash tests: imports a folder of test documents into a database, slowly enough to be
 * killed in the middle. Bundled by the test (no TypeScript loader is needed at run time).
 * Usage: node import-child.mjs DB DIR
 */
import { importArchive } from '../../src/services/import-archive.js';
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite-store.js';
import { fakeParser } from './archive-factories.js';

const [db, dir] = process.argv.slice(2);
const store = await openSqliteStore({ path: db! });
process.stdout.write('ready\n');
const summary = await importArchive(store, [dir!], { parse: fakeParser('1.0.0'), parserVersion: '1.0.0' });
await store.close();
process.stdout.write(`${JSON.stringify({ imported: summary.imported.length, failed: summary.failed.length })}\n`);
