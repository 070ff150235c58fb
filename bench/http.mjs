// HTTP latency at a fixed request rate: the meeting page, search (API and page), API lists, the start and
// statistics pages, the decisions register and the assignment lists, measured with autocannon against the real server in its own process. Goal: p99 ≤ 50 ms at 200 requests/s on a 100,000-protocol archive.
//
// Make the archive once (takes long: generating is quick, importing 100,000 protocols takes hours on two cores):
//   npm run build
//   node dist/main.js generate --count 100000 --out /tmp/corpus-100k --seed 1
//   node dist/main.js import /tmp/corpus-100k --db /tmp/archive-100k.db
// then measure (any existing archive works; the number of meetings is printed and recorded):
//   node bench/http.mjs --db /tmp/archive-100k.db [--rate 200] [--duration 20] [--connections 10] [--dist dist]
//                       [--server auto|serve|api] [--only page,search]
//
// The server is `node dist/main.js serve --db FILE --port P` when the build has that command, otherwise a minimal
// @hono/node-server around apiRoutes (the API only; the meeting page is then the API's protokoll/1 document).
// The meeting page is the HTML page /moten/{id} when the server has one.
// Results are printed as a table and written to bench/out/http.json.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const root = join(import.meta.dirname, '..');
const { values: args } = parseArgs({
  options: {
    db: { type: 'string' },
    port: { type: 'string' },
    rate: { type: 'string', default: '200' },
    duration: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '5' },
    connections: { type: 'string', default: '10' },
    // auto: `protokoll serve` when the build has it, else the API alone; serve or api to choose.
    server: { type: 'string', default: 'auto' },
    // Measure only the endpoints whose name contains one of these comma-separated words ("page,search").
    only: { type: 'string' },
    dist: { type: 'string', default: join(root, 'dist') },
    out: { type: 'string', default: join(root, 'bench', 'out', 'http.json') },
    // Internal: run the fallback API server in this process.
    'api-server': { type: 'boolean', default: false },
  },
});

if (!args.db) {
  console.error('usage: node bench/http.mjs --db FILE [--rate 200] [--duration 20] (see the comment at the top)');
  process.exit(2);
}
const db = resolve(args.db);
const dist = resolve(args.dist);

if (args['api-server']) {
  await serveApiOnly(db, Number(args.port), dist);
} else {
  await main();
}

/** The fallback server: the JSON API alone, wired as the composition root would wire it. */
async function serveApiOnly(path, port, distDir) {
  const { serve } = await import('@hono/node-server');
  const { Hono } = await import('hono');
  const { openSqliteStore } = await import(join(distDir, 'store/sqlite/open-sqlite-store.js'));
  const { SEARCH_MIGRATIONS, SqliteSearchIndex } = await import(join(distDir, 'store/sqlite/search-index.js'));
  const { apiRoutes } = await import(join(distDir, 'http/api/routes.js'));
  // Accounts and the publication flag, where the build has them (as `protokoll serve` opens the archive).
  const accounts = await import(join(distDir, 'store/sqlite/account-migrations.js')).catch(() => ({}));
  // The read indexes (0300), where the build has them.
  const reads = await import(join(distDir, 'store/sqlite/read-indexes.js')).catch(() => ({}));
  const migrations = { ...SEARCH_MIGRATIONS, ...accounts.ACCOUNT_MIGRATIONS, ...reads.READ_INDEX_MIGRATIONS };
  const search = new SqliteSearchIndex();
  const store = await openSqliteStore({ path, migrations, searchIndexer: search });
  const app = new Hono().route('/api/v1', apiRoutes({ store, search, clock: () => new Date() }));
  serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
}

async function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

function hasServeCommand() {
  const r = spawnSync(process.execPath, [join(dist, 'main.js'), 'serve', '--help'], { encoding: 'utf8' });
  return r.status === 0 && /--port/.test(r.stdout);
}

async function waitFor(url, child, ms = 120_000) {
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}`);
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not answer ${url} within ${ms / 1000} s`);
}

async function json(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: ${r.status} ${await r.text()}`);
  return r.json();
}

/** Cycles through paths so that requests do not all hit one row (and one cache line). */
function rotating(paths) {
  let i = 0;
  return (req) => ({ ...req, path: paths[i++ % paths.length] });
}

async function measure(autocannon, base, name, paths) {
  if (args.only && !args.only.split(',').some((word) => name.includes(word.trim()))) return null;
  const common = {
    url: base,
    connections: Number(args.connections),
    overallRate: Number(args.rate),
    requests: [{ method: 'GET', setupRequest: rotating(paths) }],
  };
  await autocannon({ ...common, duration: Number(args.warmup) });
  const r = await autocannon({ ...common, duration: Number(args.duration) });
  // Requests autocannon gave up on (timeouts) may still be running: wait for them (a minute at most), so they do not
  // slow the next endpoint. Run a slow endpoint alone (--only) for a clean measurement of the others.
  await fetch(`${base}/api/v1/meetings?limit=1`, { signal: AbortSignal.timeout(60_000) })
    .then((res) => res.arrayBuffer())
    .catch(() => console.error(`${name}: the server is still busy a minute later`));
  return {
    name,
    example: paths[0],
    paths: paths.length,
    requests: r.requests.total,
    rps: r.requests.average,
    p50: r.latency.p50,
    p90: r.latency.p90,
    p99: r.latency.p99,
    max: r.latency.max,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  };
}

async function main() {
  const { default: autocannon } = await import('autocannon');
  const port = args.port ? Number(args.port) : await freePort();
  const full = args.server === 'serve' || (args.server === 'auto' && hasServeCommand());
  const command = full
    ? [join(dist, 'main.js'), 'serve', '--db', db, '--port', String(port)]
    : [join(import.meta.dirname, 'http.mjs'), '--api-server', '--db', db, '--port', String(port), '--dist', dist];
  const child = spawn(process.execPath, command, { stdio: ['ignore', 'ignore', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${base}/api/v1/meetings?limit=1`, child);
    const first = await json(`${base}/api/v1/meetings?limit=1`);
    const meetings = first.total;
    // Meetings spread over the archive, for the document and page requests.
    const ids = [];
    for (let k = 0; k < 50; k++) {
      const offset = Math.floor((k * meetings) / 50);
      const page = await json(`${base}/api/v1/meetings?limit=2&offset=${offset}`);
      ids.push(...page.data.map((m) => m.id));
    }
    // The web page of a meeting (/moten/{id}; /meetings/{id} in case it moves), else the API document.
    let pagePrefix = null;
    for (const prefix of ['/moten/', '/meetings/']) {
      const r = await fetch(`${base}${prefix}${ids[0]}`);
      await r.arrayBuffer();
      if (r.ok && /text\/html/.test(r.headers.get('content-type') ?? '')) {
        pagePrefix = prefix;
        break;
      }
    }
    const meetingPage = pagePrefix !== null;
    const meetingPaths = ids.map((id) => `${pagePrefix ?? '/api/v1/meetings/'}${id}`);
    const words = ['budget', 'uppdrag', 'verksamhetsplan', 'trainee', 'kompetensförsörjning', 'digitalisering'];
    const searchPaths = words.flatMap((w) => [
      `/api/v1/search?q=${encodeURIComponent(w)}`,
      `/api/v1/search?q=${encodeURIComponent(w)}&type=decision&limit=10`,
    ]);
    const pages = Math.max(1, Math.min(50, Math.floor(meetings / 20)));
    const listPaths = Array.from({ length: pages }, (_, k) => `/api/v1/meetings?limit=20&offset=${k * 20}`);
    const decisionPaths = ['assignment', 'approval', 'information'].flatMap((kind) =>
      [0, 40, 400].map((offset) => `/api/v1/decisions?kind=${kind}&limit=20&offset=${offset}`),
    );

    // Other work on the machine shows in the latencies: record the load before and after.
    const loadBefore = loadavg()[0];
    const results = [];
    if (meetingPage) results.push(await measure(autocannon, base, 'meeting page (HTML)', meetingPaths));
    const documentPaths = ids.map((id) => `/api/v1/meetings/${id}`);
    results.push(await measure(autocannon, base, 'meeting document (API)', documentPaths));
    results.push(await measure(autocannon, base, 'search (API)', searchPaths));
    if (meetingPage) {
      const searchPagePaths = words.flatMap((w) => [
        `/sok?q=${encodeURIComponent(w)}`,
        `/sok?q=${encodeURIComponent(w)}&typ=decision&sida=2`,
      ]);
      results.push(await measure(autocannon, base, 'search page (HTML)', searchPagePaths));
    }
    results.push(await measure(autocannon, base, 'meeting list (API)', listPaths));
    results.push(await measure(autocannon, base, 'decision list by kind (API)', decisionPaths));
    if (meetingPage) {
      results.push(await measure(autocannon, base, 'start page (HTML)', ['/']));
      results.push(await measure(autocannon, base, 'statistics page (HTML)', ['/statistik', '/statistik?ar=2016']));
      // Register and assignment pages: a page of rows per request, with totals over the whole archive.
      results.push(
        await measure(autocannon, base, 'decisions register (HTML)', [
          '/beslut',
          '/beslut?sida=20',
          '/beslut?typ=approval&ar=2016',
        ]),
      );
      results.push(
        await measure(autocannon, base, 'assignments (HTML)', [
          '/uppdrag',
          '/uppdrag?visa=overdue&sida=3',
          '/uppdrag?visa=postponed',
        ]),
      );
    }

    const loadAfter = loadavg()[0];
    const measured = results.filter((r) => r !== null);
    const fmt = (n, d = 1) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
    console.log(
      `node ${process.version}, ${meetings} meetings, server: ${full ? 'protokoll serve' : 'API only'}, ` +
        `${args.rate} requests/s for ${args.duration} s, ${args.connections} connections, ${cpus().length} CPUs, ` +
        `load ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)}`,
    );
    console.log('| endpoint | requests/s | p50 ms | p90 ms | p99 ms | max ms | non-2xx | errors |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const r of measured) {
      console.log(
        `| ${r.name} | ${fmt(r.rps)} | ${fmt(r.p50)} | ${fmt(r.p90)} | ${fmt(r.p99)} | ${fmt(r.max)} | ${r.non2xx} | ${r.errors} |`,
      );
    }
    const goal = measured.every((r) => r.p99 <= 50 && r.non2xx === 0 && r.errors === 0);
    console.log(goal ? 'goal met: p99 ≤ 50 ms everywhere' : 'goal NOT met: p99 > 50 ms or failed requests somewhere');
    mkdirSync(join(args.out, '..'), { recursive: true });
    writeFileSync(
      args.out,
      `${JSON.stringify(
        {
          date: new Date().toISOString(),
          node: process.version,
          db,
          meetings,
          server: full ? 'serve' : 'api-only',
          rate: Number(args.rate),
          duration: Number(args.duration),
          connections: Number(args.connections),
          cpus: cpus().length,
          load: { before: loadBefore, after: loadAfter },
          results: measured,
          goal: { p99Ms: 50, met: goal },
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    child.kill('SIGTERM');
  }
}
