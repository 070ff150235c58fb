import { type Command, InvalidArgumentError } from 'commander';
import { writeCorpus } from '../../services/generate/corpus.js';
import { LAYOUT_IDS, type LayoutId } from '../../services/generate/schedule.js';
import { EXIT_OK } from '../exit-codes.js';

function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('antalet måste vara ett heltal ≥ 0');
  return Number(value);
}

function parseLayouts(value: string): LayoutId[] {
  const layouts = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const unknown = layouts.filter((l) => !(LAYOUT_IDS as readonly string[]).includes(l));
  if (layouts.length === 0 || unknown.length > 0) {
    throw new InvalidArgumentError(
      `okänd layout ${unknown.join(', ') || '(ingen)'}; välj bland ${LAYOUT_IDS.join(', ')}`,
    );
  }
  return layouts as LayoutId[];
}

/**
 * `protokoll generate --count N --out DIR --seed S [--layouts …]`: a synthetic corpus of protocols in the house
 * layouts, each `<nnnnnn>.txt` with its true `protokoll/1` document beside it as `<nnnnnn>.expected.json`.
 */
export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description('Skapa en syntetisk korpus av protokoll med facit (protokoll/1) bredvid varje fil')
    .requiredOption('--count <n>', 'antal protokoll', parseCount)
    .requiredOption('--out <dir>', 'katalog att skriva till (skapas vid behov)')
    .option('--seed <s>', 'frö; samma frö, antal och layouter ger samma filer', '1')
    .option('--layouts <list>', `kommaseparerade layouter (${LAYOUT_IDS.join(',')})`, parseLayouts, [...LAYOUT_IDS])
    .action(async (options: { count: number; out: string; seed: string; layouts: LayoutId[] }) => {
      const result = await writeCorpus({
        count: options.count,
        out: options.out,
        seed: options.seed,
        layouts: options.layouts,
      });
      const layouts = Object.entries(result.byLayout)
        .filter(([, n]) => n > 0)
        .map(([l, n]) => `${l} ${n}`)
        .join(', ');
      const mb = (result.bytes / 1e6).toFixed(1);
      process.stdout.write(
        `${result.files} protokoll (${layouts}) skrivna till ${options.out}: ${mb} MB på ${result.seconds.toFixed(1)} s\n`,
      );
      process.exitCode = EXIT_OK;
    });
}
