import { describe, expect, it } from 'vitest';
import { extractPlainText } from '../src/ingest/extract/extract.js';
import { interpret } from '../src/ingest/pipeline.js';

const SOURCE = { name: 'big.txt', sha256: '0'.repeat(64) };

/** Work done by the parser, counted as the time of the fastest of `runs` runs. */
function cost(text: string, runs = 3): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    interpret(extractPlainText(text), SOURCE);
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

// Lines built to provoke catastrophic backtracking in name, date, list and clause patterns.
const ADVERSARIAL = [
  `Närvarande: ${'Anna Berg, '.repeat(2000)}`,
  `att ${'uppdra åt Anna Berg och '.repeat(800)}`,
  `${'Aa '.repeat(5000)}`,
  `${'1'.repeat(20000)}`,
  `Tid/Plats: ${'kl 10.10-'.repeat(3000)}`,
  `${'§'.repeat(5000)} 1`,
  `- ${'*'.repeat(10000)}`,
  `${'att '.repeat(5000)}`,
  `${'(från kl 09.00 '.repeat(2000)}`,
  `Föredragande: ${'A-B-C-D '.repeat(3000)}`,
];

describe('parser scaling', () => {
  it('handles adversarial long lines without blowing up', { timeout: 120_000 }, () => {
    for (const line of ADVERSARIAL) {
      const t = cost(`Kommunstyrelsens protokoll\nTid/Plats: 2024-01-01 kl 10.00-12.00\n\n${line}\n`);
      expect(t, line.slice(0, 40)).toBeLessThan(2000);
    }
  });

  it('parses in time linear in the input size (a 10 MB protocol costs ~10× a 1 MB one)', { timeout: 180_000 }, () => {
    const unit = [
      '1. Ärende om budget',
      '',
      'Anna Berg redovisar förslaget. Diskussion följde om kollektivtrafik och vuxenutbildning.',
      '',
      'Beslut:',
      '',
      'att uppdra åt sekretariatet att redovisa i februari 2017',
      '',
    ].join('\n');
    const make = (bytes: number) => {
      const parts: string[] = ['Kommunstyrelsens protokoll 1/2024', 'Tid/Plats: 240101 kl 10.00-12.00, Stadshuset', ''];
      let size = 0;
      let n = 1;
      while (size < bytes) {
        const block = unit.replace('1. Ärende', `${(n % 99) + 1}. Ärende`);
        parts.push(block);
        size += block.length;
        n++;
      }
      return parts.join('\n');
    };
    const small = cost(make(1_000_000), 2);
    const large = cost(make(10_000_000), 1);
    // Linear: ×10 input, ~×10 time. Quadratic would be ×100; allow generous noise.
    expect(large / small).toBeLessThan(25);
  });
});
