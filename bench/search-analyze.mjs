// Throughput of the search analyzer (normalise, stem, split compounds) at index time.
// Usage: npm run build && node bench/search-analyze.mjs [megabytes=50]
// The text is synthetic but shaped like an archive: the seed protocols' words, dictionary words and novel compounds,
// drawn with a Zipf distribution, so the word cache sees a realistic mix of repeats and new words.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = process.env.PROTOKOLL_DIST ?? new URL('../dist/', import.meta.url).pathname;
const { analyzeForIndex, warmUpAnalyzer } = await import(pathToFileURL(join(resolve(dist), 'search/analyzer.js')).href);
const megabytes = Number(process.argv[2] ?? 50);

// mulberry32: a small seeded generator, so every run analyses the same text.
let seed = 42;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const dicPath = join(dirname(createRequire(import.meta.url).resolve('dictionary-sv')), 'index.dic');
const dictionaryWords = readFileSync(dicPath, 'utf8')
  .split('\n')
  .map((line) => line.split('/')[0])
  .filter((word) => /^\p{Ll}{3,14}$/u.test(word));
const seedDir = new URL('../../shared/corpus/seeds/', import.meta.url).pathname;
let seedWords = [];
try {
  seedWords = readdirSync(seedDir).flatMap((f) => readFileSync(join(seedDir, f), 'utf8').split(/\s+/));
} catch {
  seedWords = ['Kommundirektörsgruppen', 'beslutade', 'att', 'uppdra', 'åt', 'sekretariatet'];
}
const pick = (list) => list[Math.floor(random() * list.length)];
const vocabulary = [...seedWords];
for (let i = 0; i < 60_000; i++) vocabulary.push(pick(dictionaryWords));
for (let i = 0; i < 200_000; i++)
  vocabulary.push(pick(dictionaryWords) + (random() < 0.4 ? 's' : '') + pick(dictionaryWords));
const zipf = () => vocabulary[Math.min(vocabulary.length - 1, Math.floor(vocabulary.length ** random()) - 1)];

const chunks = [];
let size = 0;
while (size < megabytes * 1_000_000) {
  const sentence = [];
  for (let i = 0; i < 12; i++) sentence.push(zipf());
  const line = `${sentence.join(' ')}. `;
  chunks.push(line);
  size += Buffer.byteLength(line);
}
// Documents of about 5 kB, like one item or a short protocol.
const documents = [];
for (let i = 0; i < chunks.length; i += 40) documents.push(chunks.slice(i, i + 40).join(''));

const distinctWords = new Set(documents.flatMap((doc) => doc.match(/[\p{L}\p{N}\p{M}]+/gu) ?? [])).size;

let start = performance.now();
warmUpAnalyzer();
const loadMs = performance.now() - start;
start = performance.now();
let tokens = 0;
for (const doc of documents) tokens += analyzeForIndex(doc).words.length;
const seconds = (performance.now() - start) / 1000;
console.log(
  JSON.stringify({
    megabytes: +(size / 1e6).toFixed(1),
    documents: documents.length,
    distinctWords,
    dictionaryLoadMs: Math.round(loadMs),
    analyzeSeconds: +seconds.toFixed(2),
    megabytesPerSecond: +(size / 1e6 / seconds).toFixed(1),
    heapMB: Math.round(process.memoryUsage().heapUsed / 1e6),
    outputChars: tokens,
  }),
);
