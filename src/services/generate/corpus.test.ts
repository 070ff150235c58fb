import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerGenerate } from '../../cli/commands/generate.js';
import { type ProtocolDocument, ProtocolDocumentSchema } from '../../domain/document.js';
import { type GeneratedProtocol, generateCorpus, writeCorpus } from './corpus.js';
import { FIRST_NAMES, LAST_NAMES } from './names.js';

const SAMPLE = 1500;
let corpus: GeneratedProtocol[];

beforeAll(() => {
  corpus = [...generateCorpus({ count: SAMPLE, seed: 'vitest' })];
});

const text = (p: GeneratedProtocol): string => p.bytes.toString('utf8');
const squash = (s: string): string => s.replace(/\s+/g, '');
/** Protocol text without page headers and page numbers, whitespace removed: item prose must be found in it. */
const content = (p: GeneratedProtocol): string =>
  squash(
    text(p)
      .split('\n')
      .filter((l) => !/^Kommundirektörs?möte i |^Sida \d+ av \d+$/.test(l))
      .join('\n')
      .replace(/\*/g, ''),
  );

describe('generateCorpus: determinism', () => {
  it('gives the same bytes and documents for the same seed', () => {
    const again = [...generateCorpus({ count: 300, seed: 'vitest-det' })];
    const once = [...generateCorpus({ count: 300, seed: 'vitest-det' })];
    expect(again.map((p) => p.bytes.toString('base64'))).toEqual(once.map((p) => p.bytes.toString('base64')));
    expect(again.map((p) => p.expected)).toEqual(once.map((p) => p.expected));
  });

  it('gives another corpus for another seed', () => {
    const a = [...generateCorpus({ count: 50, seed: 1 })].map((p) => p.expected.source.sha256);
    const b = [...generateCorpus({ count: 50, seed: 2 })].map((p) => p.expected.source.sha256);
    expect(a.filter((h) => b.includes(h))).toEqual([]);
  });

  it('produces exactly the requested count, named in order', () => {
    expect(corpus).toHaveLength(SAMPLE);
    expect(corpus[0]?.name).toBe('000000.txt');
    expect(corpus.at(-1)?.name).toBe(`${String(SAMPLE - 1).padStart(6, '0')}.txt`);
    expect([...generateCorpus({ count: 0, seed: 1 })]).toEqual([]);
  });
});

describe('generateCorpus: expected documents', () => {
  it('are valid protokoll/1 with nothing the schema does not know', () => {
    for (const p of corpus) {
      const parsed = ProtocolDocumentSchema.safeParse(p.expected);
      if (!parsed.success) throw new Error(`${p.name}: ${parsed.error.message}`);
      expect(parsed.data).toEqual(p.expected);
    }
  });

  it('describe the bytes written: name, sha256, txt, NFC, clean', () => {
    for (const p of corpus) {
      expect(p.expected.source).toEqual({
        name: p.name,
        sha256: createHash('sha256').update(p.bytes).digest('hex'),
        format: 'txt',
      });
      expect(text(p).normalize('NFC')).toBe(text(p));
      expect(p.expected.warnings).toEqual([]);
    }
  });

  it('say only what the text says (names, titles, clauses, prose, places)', () => {
    for (const p of corpus) {
      const t = text(p);
      const flat = content(p);
      const doc = p.expected;
      const where = (what: string) => `${p.name} (${p.layout}): ${what}`;
      if (doc.place) expect(t.includes(doc.place), where(doc.place)).toBe(true);
      for (const person of [...doc.present, ...doc.absent, ...doc.guests]) {
        expect(t.includes(person.name), where(person.name)).toBe(true);
        if (person.organization) expect(t.includes(person.organization), where(person.organization)).toBe(true);
      }
      for (const s of doc.signatures) expect(t.includes(`${s.name}`), where(`signature ${s.name}`)).toBe(true);
      for (const item of doc.items) {
        expect(t.includes(item.title), where(item.title)).toBe(true);
        for (const name of item.presenters) expect(t.includes(name), where(name)).toBe(true);
        for (const para of item.text.split('\n\n').filter((x) => x)) {
          expect(flat.includes(squash(para)), where(para)).toBe(true);
        }
        for (const d of item.decisions) {
          expect(flat.includes(squash(d.text)), where(d.text)).toBe(true);
          for (const a of d.assignments) {
            expect(d.text.includes(a.task), where(a.task)).toBe(true);
            // A chain's later clauses inherit the assignees of its first.
            for (const who of a.assignees) {
              expect(
                item.decisions.some((x) => x.text.includes(who)),
                where(who),
              ).toBe(true);
            }
            if (a.dueText) expect(t.includes(a.dueText), where(a.dueText)).toBe(true);
          }
        }
        if (item.referral) expect(flat.includes(squash(item.referral.text)), where(item.referral.text)).toBe(true);
      }
    }
  });

  it('resolve due dates and postponements to days after the meeting', () => {
    for (const p of corpus) {
      const date = p.expected.date ?? '';
      for (const item of p.expected.items) {
        for (const d of item.decisions) {
          for (const a of d.assignments) {
            if (a.due) expect(a.due >= date.slice(0, a.due.length), `${p.name} ${a.dueText}`).toBe(true);
          }
        }
        if (item.referral?.date) expect(item.referral.date >= date.slice(0, item.referral.date.length)).toBe(true);
      }
    }
  });
});

describe('generateCorpus: calendar and numbering', () => {
  it('runs 2011–2026 in date order', () => {
    const dates = corpus.map((p) => p.expected.date ?? '');
    expect([...dates].sort()).toEqual(dates);
    expect(dates[0]! >= '2011-01-01').toBe(true);
    expect(dates.at(-1)! <= '2026-12-31').toBe(true);
  });

  it('numbers each group’s protocols 1, 2, 3 … within a year', () => {
    const bySeries = new Map<string, ProtocolDocument[]>();
    for (const p of corpus) {
      if (!p.expected.number) continue;
      const key = `${p.expected.organization}|${p.expected.body}|${p.expected.date?.slice(0, 4)}`;
      bySeries.set(key, [...(bySeries.get(key) ?? []), p.expected]);
    }
    expect(bySeries.size).toBeGreaterThan(10);
    for (const docs of bySeries.values()) {
      expect(docs.map((d) => d.number)).toEqual(docs.map((d, i) => `${i + 1}/${d.date?.slice(0, 4)}`));
    }
  });

  it('sends postponed items to meetings the corpus holds', () => {
    const held = new Set(corpus.map((p) => `${p.expected.organization}|${p.expected.date}`));
    const heldMonths = new Set(corpus.map((p) => `${p.expected.organization}|${p.expected.date?.slice(0, 7)}`));
    let referrals = 0;
    let found = 0;
    for (const p of corpus) {
      for (const item of p.expected.items) {
        const date = item.referral?.date;
        if (!date) continue;
        referrals++;
        const key = `${p.expected.organization}|${date}`;
        if (date.length === 10 ? held.has(key) : heldMonths.has(key)) found++;
      }
    }
    expect(referrals).toBeGreaterThan(20);
    expect(found / referrals).toBeGreaterThan(0.9);
  });
});

describe('generateCorpus: variety', () => {
  const all = () => corpus.map((p) => p.expected);

  it('uses every layout, both names of the cooperation and several bodies', () => {
    expect(new Set(corpus.map((p) => p.layout))).toEqual(new Set(['seed2011', 'seed2016', 'seed2024', 'formal']));
    const orgs = new Set(all().map((d) => d.organization));
    expect(orgs.has('Skåne Nordväst') && orgs.has('Familjen Helsingborg')).toBe(true);
    expect(new Set(all().map((d) => d.body)).size).toBeGreaterThanOrEqual(3);
  });

  it('has every decision kind, dated and undated assignments, referrals, adjournments, partial presence', () => {
    const decisions = all().flatMap((d) => d.items.flatMap((i) => i.decisions));
    expect(new Set(decisions.map((d) => d.kind))).toEqual(
      new Set(['information', 'approval', 'assignment', 'referral', 'rejection', 'other']),
    );
    const assignments = decisions.flatMap((d) => d.assignments);
    expect(assignments.some((a) => a.due?.length === 7)).toBe(true);
    expect(assignments.some((a) => a.due?.length === 10)).toBe(true);
    expect(assignments.some((a) => a.due === null)).toBe(true);
    expect(assignments.some((a) => a.assignees.length > 1)).toBe(true);
    expect(all().some((d) => d.items.some((i) => i.referral?.to))).toBe(true);
    expect(all().some((d) => d.adjournments.length > 0)).toBe(true);
    expect(all().some((d) => d.present.some((p) => p.from && p.to))).toBe(true);
    expect(all().some((d) => d.present.some((p) => p.note))).toBe(true);
    expect(all().some((d) => d.guests.some((g) => g.role === 'group'))).toBe(true);
    expect(all().some((d) => d.items.some((i) => i.number === null))).toBe(true);
    expect(new Set(all().flatMap((d) => d.signatures.map((s) => s.role)))).toEqual(
      new Set(['chair', 'secretary', 'adjuster']),
    );
  });

  it('keeps directors in their municipality over the years, with a few careers', () => {
    const places = new Map<string, Set<string>>();
    for (const d of all().filter((x) => x.body === 'Kommundirektörsgruppen' && x.organization !== null)) {
      for (const p of [...d.present, ...d.absent]) {
        if (!p.organization || p.organization.startsWith('sekretariatet')) continue;
        const key = `${d.organization === 'Skåne Nordväst' ? 'Familjen Helsingborg' : d.organization}|${p.name}`;
        places.set(key, (places.get(key) ?? new Set()).add(p.organization));
      }
    }
    const sizes = [...places.values()].map((s) => s.size);
    const movers = sizes.filter((n) => n > 1).length;
    expect(movers).toBeGreaterThan(0);
    expect(movers / sizes.length).toBeLessThan(0.2);
  });

  it('invents people from the pools, never the seeds’ people', () => {
    const seedNames = readdirSync('test/fixtures')
      .filter((d) => d.startsWith('seed-'))
      .flatMap((d) => {
        const doc = JSON.parse(readFileSync(join('test/fixtures', d, 'expected.json'), 'utf8')) as ProtocolDocument;
        return [...doc.present, ...doc.absent, ...doc.guests].map((p) => p.name);
      });
    expect(seedNames.length).toBeGreaterThan(30);
    const seedSurnames = new Set(seedNames.map((n) => n.split(' ').at(-1)));
    expect(LAST_NAMES.filter((n) => seedSurnames.has(n))).toEqual([]);
    expect(FIRST_NAMES.length).toBeGreaterThanOrEqual(200);
    expect(LAST_NAMES.length).toBeGreaterThanOrEqual(200);
    const generated = new Set(all().flatMap((d) => d.present.map((p) => p.name)));
    expect(generated.size).toBeGreaterThan(200);
    expect([...generated].filter((n) => seedNames.includes(n))).toEqual([]);
  });

  it('honours a layout filter', () => {
    const only2024 = [...generateCorpus({ count: 30, seed: 3, layouts: ['seed2024'] })];
    expect(new Set(only2024.map((p) => p.layout))).toEqual(new Set(['seed2024']));
    const formal = [...generateCorpus({ count: 30, seed: 3, layouts: ['formal'] })];
    expect(new Set(formal.map((p) => p.layout))).toEqual(new Set(['formal']));
    for (const p of [...only2024, ...formal]) expect(ProtocolDocumentSchema.safeParse(p.expected).success).toBe(true);
  });
});

describe('writeCorpus and the generate command', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'protokoll-generate-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes each protocol beside its expected document, byte for byte what the generator yields', async () => {
    const out = join(dir, 'service');
    const result = await writeCorpus({ count: 40, seed: 9, out });
    expect(result.files).toBe(40);
    const files = readdirSync(out).sort();
    expect(files).toHaveLength(80);
    for (const p of generateCorpus({ count: 40, seed: 9 })) {
      expect(readFileSync(join(out, p.name)).equals(p.bytes)).toBe(true);
      const json = JSON.parse(readFileSync(join(out, p.name.replace('.txt', '.expected.json')), 'utf8'));
      expect(json).toEqual(p.expected);
    }
  });

  it('says which directory it cannot write to', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    await expect(writeCorpus({ count: 1, seed: 1, out: join(file, 'corpus') })).rejects.toThrow(
      /a-file.*kan inte skriva/,
    );
  });

  it('runs from the command line and rejects unknown layouts', async () => {
    const program = new Command('protokoll').exitOverride();
    program.configureOutput({ writeErr: () => {}, writeOut: () => {} });
    registerGenerate(program);
    const out = join(dir, 'cli');
    const written: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    try {
      await program.parseAsync(
        ['generate', '--count', '12', '--out', out, '--seed', 'x', '--layouts', 'seed2016,formal'],
        {
          from: 'user',
        },
      );
    } finally {
      spy.mockRestore();
    }
    expect(written.join('')).toMatch(/^12 protokoll/);
    expect(readdirSync(out)).toHaveLength(24);
    await expect(
      program.parseAsync(['generate', '--count', '1', '--out', out, '--layouts', 'seed1999'], { from: 'user' }),
    ).rejects.toThrow(/okänd layout/);
  });
});
