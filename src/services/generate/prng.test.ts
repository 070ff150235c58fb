import { describe, expect, it } from 'vitest';
import { dayOf, iso, longDate, weekday, ymd, yymmdd } from './calendar.js';
import { hashSeed, mulberry32, Rng } from './prng.js';

describe('mulberry32', () => {
  it('is the reference sequence, so corpora are stable across machines and versions', () => {
    const next = mulberry32(1);
    expect([next(), next(), next()].map((x) => Math.round(x * 1e9))).toEqual([627073941, 2735721, 527447040]);
  });

  it('gives the same stream for the same seed and another for another', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(xs);
  });

  it('stays in [0, 1) and spreads evenly', () => {
    const next = mulberry32(7);
    const buckets = new Array(10).fill(0);
    for (let i = 0; i < 100_000; i++) {
      const x = next();
      expect(x >= 0 && x < 1).toBe(true);
      buckets[Math.floor(x * 10)]++;
    }
    for (const b of buckets) expect(Math.abs(b - 10_000)).toBeLessThan(500);
  });
});

describe('hashSeed and Rng', () => {
  it('mixes parts in order and by type', () => {
    expect(hashSeed('a', 1)).toBe(hashSeed('a', 1));
    expect(hashSeed('a', 1)).not.toBe(hashSeed(1, 'a'));
    expect(hashSeed('1')).not.toBe(hashSeed(1));
  });

  it('draws ints within bounds, samples without repeats', () => {
    const rng = new Rng(5);
    for (let i = 0; i < 1000; i++) {
      const n = rng.int(3, 7);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(7);
    }
    const s = rng.sample([1, 2, 3, 4, 5, 6], 4);
    expect(new Set(s).size).toBe(4);
    expect(() => rng.pick([])).toThrow();
  });
});

describe('calendar', () => {
  it('agrees with Date on every day from 1999 to 2031', () => {
    for (let day = dayOf(1999, 1, 1); day <= dayOf(2031, 12, 31); day++) {
      const d = new Date(day * 86_400_000);
      expect(ymd(day)).toEqual({ y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() });
      expect(weekday(day)).toBe(d.getUTCDay());
    }
  });

  it('writes the protocols’ date forms', () => {
    expect(yymmdd(dayOf(2016, 11, 18))).toBe('161118');
    expect(iso(dayOf(2024, 2, 16))).toBe('2024-02-16');
    expect(longDate(dayOf(2011, 11, 3))).toBe('Torsdag 3 november 2011');
  });
});
