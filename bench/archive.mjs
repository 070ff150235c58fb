// Archive at scale: import throughput, database size, peak memory of the importing process, and search latency
// over the queries in bench/queries.txt, with `grep -ril` over the same files timed in the same run as the reference.
// Run after `npm run build`:  node bench/archive.mjs [--count 100000] [--seed 1] [--repeat 5] [--threads N]
//                              [--dir CORPUS] [--keep] [--no-grep] [--reuse]
// Prints a table and writes bench/out/archive.json. The corpus is generated (`protokoll generate`) unless --dir
// already holds one of the right size; it is kept for the next run, the database is not (unless --keep).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';

const root = resolve(import.meta.dirname, '..');
const main = join(root, 'dist', 'main.js');
const { values: args } = parseArgs({
  options: {
    count: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    repeat: { type: 'string', default: '5' },
    threads: { type: 'string' },
    dir: { type: 'string' },
    keep: { type: 'boolean', default: false },
    'no-grep': { type: 'boolean', default: false },
    // Measure search on the archive an earlier run kept (--keep), without importing again.
    reuse: { type: 'boolean', default: false },
  },
});
const count = Number(args.count);
const out = join(root, 'bench', 'out');
const corpus = resolve(args.dir ?? join(out, `corpus-${count}-seed${args.seed}`));
const db = join(out, `archive-${count}.db`);
mkdirSync(out, { recursive: true });
if (!existsSync(main)) throw new Error('dist/main.js is missing: run `npm run build` first');

const seconds = (ms) => ms / 1000;
const fmt = (n, digits = 1) => n.toLocaleString('en-US', { maximumFractionDigits: digits });
const protocolFiles = (dir) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.txt')) : []);

// 1. Corpus.
let generateSeconds = null;
if (protocolFiles(corpus).length !== count) {
  rmSync(corpus, { recursive: true, force: true });
  const started = performance.now();
  execFileSync(process.execPath, [main, 'generate', '--count', String(count), '--out', corpus, '--seed', args.seed], {
    stdio: 'inherit',
  });
  generateSeconds = seconds(performance.now() - started);
}
const files = protocolFiles(corpus);
const corpusBytes = files.reduce((sum, f) => sum + statSync(join(corpus, f)).size, 0);

// 2. Import, as a user runs it, with the peak RSS of that process (worker threads included) read from /proc.
const reuse = args.reuse && existsSync(db);
const importArgs = [main, 'import', corpus, '--db', db, ...(args.threads ? ['--threads', args.threads] : [])];
let importSeconds = null;
let peakKb = 0;
let summaryLine = '(archive of an earlier run, --reuse)';
if (!reuse) {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${db}${suffix}`, { force: true });
  const started = performance.now();
  const child = spawn(process.execPath, importArgs, { stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  const readPeak = () => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
    } catch {
      // The process has exited (or this is not Linux).
    }
  };
  const poll = setInterval(readPeak, 50);
  const code = await new Promise((r) => child.on('exit', r));
  clearInterval(poll);
  importSeconds = seconds(performance.now() - started);
  if (code !== 0 && code !== 1) throw new Error(`import exited with ${code}: ${stdout}`);
  summaryLine = stdout.split('\n').find((l) => l.includes('importerade')) ?? '';
}

const raw = new Database(db, { readonly: true });
const outcomes = Object.fromEntries(
  raw
    .prepare('select status, count(*) as n from documents group by status')
    .all()
    .map((r) => [r.status, r.n]),
);
const rows = raw
  .prepare(
    `select (select count(*) from meetings) as meetings, (select count(*) from items) as items,
            (select count(*) from decisions) as decisions, (select count(*) from search_docs) as searchDocs,
            (select count(*) from followup_links) as links`,
  )
  .get();
raw.close();
const size = (path) => (existsSync(path) ? statSync(path).size : 0);
const dbBytes = size(db) + size(`${db}-wal`);

// 3. Search latency, in process, through the same service the web page and the API call.
const { openSqliteStore } = await import(join(root, 'dist/store/sqlite/open-sqlite-store.js'));
const { SqliteSearchIndex } = await import(join(root, 'dist/store/sqlite/search-index.js'));
const { searchArchive } = await import(join(root, 'dist/services/search-archive.js'));
const { warmUpAnalyzer } = await import(join(root, 'dist/search/analyzer.js'));
const queries = readFileSync(join(root, 'bench', 'queries.txt'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() && !line.startsWith('#'))
  .map((line) => {
    const [word, query, filters] = line.split('|').map((s) => s.trim());
    const input = { query };
    for (const pair of (filters ?? '').split(';').filter(Boolean)) {
      const [key, value] = pair.split('=');
      input[key] = key === 'open' ? value === 'true' : key === 'types' ? value.split(',') : value;
    }
    return { word, input };
  });
const reader = new SqliteSearchIndex();
// Read-only, as a reader of an archive someone else writes: the CLI has applied every migration.
const store = await openSqliteStore({ path: db, readonly: true, searchIndexer: reader });
warmUpAnalyzer();
const repeat = Number(args.repeat);
const latencies = [];
const perQuery = [];
for (const { word, input } of queries) {
  const first = await searchArchive(store, reader, input); // warm-up, and the hit count
  const times = [];
  for (let i = 0; i < repeat; i++) {
    const t = performance.now();
    await searchArchive(store, reader, input);
    times.push(performance.now() - t);
  }
  latencies.push(...times);
  perQuery.push({ word, ...input, total: first.counts.total, medianMs: percentile(times, 50) });
}
await store.close();

// 4. The reference: grep over the same protocol files, once per query word.
const grepTimes = [];
if (!args['no-grep']) {
  for (const { word } of queries) {
    const t = performance.now();
    try {
      execFileSync('grep', ['-ril', '--include=*.txt', word, corpus], { stdio: ['ignore', 'ignore', 'ignore'] });
    } catch {
      // grep exits 1 when nothing matches.
    }
    grepTimes.push(performance.now() - t);
  }
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? null;
}

const result = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: `${availableParallelism()} × ${cpus()[0]?.model ?? '?'}`,
  memoryGb: Math.round(totalmem() / 2 ** 30),
  loadAverage: (await import('node:os')).loadavg().map((n) => Number(n.toFixed(2))),
  command: `node bench/archive.mjs --count ${count} --seed ${args.seed}`,
  corpus: { dir: corpus, files: files.length, megabytes: Number((corpusBytes / 1e6).toFixed(1)), generateSeconds },
  import: {
    command: `node ${importArgs.map((arg) => arg.replace(`${root}/`, '')).join(' ')}`,
    seconds: importSeconds === null ? null : Number(importSeconds.toFixed(1)),
    protocolsPerSecond: importSeconds === null ? null : Number((files.length / importSeconds).toFixed(1)),
    peakRssMb: Number((peakKb / 1024).toFixed(0)),
    summary: summaryLine,
    documents: outcomes,
    rows,
  },
  database: { megabytes: Number((dbBytes / 1e6).toFixed(1)), bytesPerProtocol: Math.round(dbBytes / files.length) },
  search: {
    queries: queries.length,
    repeat,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    p99Ms: percentile(latencies, 99),
    perQuery,
  },
  grep: grepTimes.length
    ? { p50Ms: percentile(grepTimes, 50), p95Ms: percentile(grepTimes, 95), p99Ms: percentile(grepTimes, 99) }
    : null,
  goals: { protocolsPerSecond: 500, searchP95Ms: 10, peakRssMb: 300 },
};
writeFileSync(join(out, 'archive.json'), `${JSON.stringify(result, null, 2)}\n`);
if (!args.keep) for (const suffix of ['', '-wal', '-shm']) rmSync(`${db}${suffix}`, { force: true });

const ms = (n) => (n === null ? '–' : `${fmt(n, 2)} ms`);
const table = [
  ['measure', 'value', 'goal'],
  ['protocols', fmt(files.length, 0), ''],
  [
    'import',
    importSeconds === null ? '–' : `${fmt(result.import.protocolsPerSecond)} protocols/s (${fmt(importSeconds)} s)`,
    '≥ 500/s',
  ],
  ['peak RSS (import)', `${result.import.peakRssMb} MB`, '≤ 300 MB'],
  ['database', `${fmt(result.database.megabytes)} MB (${fmt(result.database.bytesPerProtocol, 0)} B/protocol)`, ''],
  ['search p50', ms(result.search.p50Ms), ''],
  ['search p95', ms(result.search.p95Ms), '≤ 10 ms'],
  ['search p99', ms(result.search.p99Ms), ''],
  ['grep -ril p50', ms(result.grep?.p50Ms ?? null), 'reference'],
  ['grep -ril p95', ms(result.grep?.p95Ms ?? null), 'reference'],
];
const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
for (const row of table) console.log(row.map((cell, i) => cell.padEnd(widths[i])).join('  '));
console.log(
  `${summaryLine}\n${queries.length} queries × ${repeat}; node ${process.version}; ${result.cpus}; load ${result.loadAverage.join(' ')}`,
);
console.log(`written: ${join(out, 'archive.json')}`);
