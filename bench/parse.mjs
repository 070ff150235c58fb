// Parser throughput: text protocols (documents/s, MB/s) and PDF (pages/s), with poppler's pdftotext timed on the
// same PDFs in the same run as the reference. Run after `npm run build`: `npm run bench:parse`.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { extractText } from '../dist/ingest/extract/extract.js';
import { parseProtocol } from '../dist/ingest/pipeline.js';
import { generateCorpus } from '../dist/services/generate/corpus.js';

const root = join(import.meta.dirname, '..');
const seeds = readdirSync(join(root, 'examples')).filter((f) => f.endsWith('.txt'));
const texts = seeds.map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(join(root, 'examples', f))) }));
const pdfDir = join(root, 'test', 'fixtures', 'renderings');
const pdfs = readdirSync(pdfDir)
  .filter((f) => f.endsWith('.pdf'))
  .map((f) => ({ name: f, path: join(pdfDir, f), bytes: new Uint8Array(readFileSync(join(pdfDir, f))) }));

/** Runs `fn` repeatedly for `minMs` after a warm-up; reports wall time and this process's CPU time. */
async function timeIt(fn, minMs = 3000) {
  for (let i = 0; i < 20; i++) await fn(); // warm-up: let the JIT settle
  let runs = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  while (performance.now() - t0 < minMs) {
    await fn();
    runs++;
  }
  const cpu = process.cpuUsage(cpu0);
  return { runs, ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 };
}

// Text: the whole text pipeline (decode, segment, interpret), one document at a time, on one core.
const textBytes = texts.reduce((n, t) => n + t.bytes.length, 0);
const text = await timeIt(async () => {
  for (const t of texts) await parseProtocol(t);
});
const docsPerSec = (text.runs * texts.length) / (text.ms / 1000);
const docsPerCpuSec = (text.runs * texts.length) / (text.cpuMs / 1000);
const mbPerSec = (text.runs * textBytes) / 1e6 / (text.ms / 1000);

// Text, varied: 1,000 different generated protocols parsed once each, so no cache of names or lines is warm from an
// earlier round (the seeds, parsed over and over, flatter caches).
const corpus = [...generateCorpus({ count: 1000, seed: 3 })].map((p) => ({
  name: p.name,
  bytes: new Uint8Array(p.bytes),
}));
for (const doc of corpus.slice(0, 50)) await parseProtocol(doc);
const variedCpu0 = process.cpuUsage();
const variedT0 = performance.now();
for (const doc of corpus) await parseProtocol(doc);
const variedMs = performance.now() - variedT0;
const variedCpu = process.cpuUsage(variedCpu0);
const variedBytes = corpus.reduce((n, d) => n + d.bytes.length, 0);

// PDF: text layer extraction plus parsing, against pdftotext extraction alone.
const pageCount = (path) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path]).toString())?.[1] ?? 0);
let pages = 0;
let havePoppler = true;
try {
  pages = pdfs.reduce((n, p) => n + pageCount(p.path), 0);
} catch {
  havePoppler = false;
  for (const p of pdfs) pages += new Set((await extractText(p.bytes, p.name)).lines.map((l) => l.page)).size;
}
const ours = await timeIt(async () => {
  for (const p of pdfs) await parseProtocol(p);
});
const oursPagesPerSec = (ours.runs * pages) / (ours.ms / 1000);
let refPagesPerSec = null;
if (havePoppler) {
  const ref = await timeIt(async () => {
    for (const p of pdfs) spawnSync('pdftotext', ['-layout', '-enc', 'UTF-8', p.path, '-'], { stdio: 'ignore' });
  });
  refPagesPerSec = (ref.runs * pages) / (ref.ms / 1000);
}

const fmt = (n) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });
console.log(
  `node ${process.version}, ${texts.length} seed texts (${fmt(textBytes / texts.length / 1024)} KiB avg), ${pdfs.length} PDFs (${pages} pages)`,
);
console.log(
  `load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} on ${os.cpus().length} cores`,
);
console.log(
  `text: ${fmt(docsPerSec)} documents/s wall, ${fmt(docsPerCpuSec)} per CPU-second, ${fmt(mbPerSec)} MB/s (goal ≥ 2,000 documents/s on one core)`,
);
console.log(
  `text, ${corpus.length} generated protocols once each (${fmt(variedBytes / corpus.length / 1024)} KiB avg): ` +
    `${fmt(corpus.length / (variedMs / 1000))} documents/s wall, ` +
    `${fmt(corpus.length / ((variedCpu.user + variedCpu.system) / 1e6))} per CPU-second`,
);
console.log(`pdf:  ${fmt(oursPagesPerSec)} pages/s (extract + parse)`);
if (refPagesPerSec) {
  console.log(`pdftotext: ${fmt(refPagesPerSec)} pages/s (process per file, as a CLI user runs it)`);
  console.log(`ratio: protokoll is ${fmt(refPagesPerSec / oursPagesPerSec)}× slower than pdftotext (goal ≤ 3×)`);
} else {
  console.log('pdftotext: not installed (apt-get install poppler-utils) — no reference');
}
