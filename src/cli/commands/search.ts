import { type Command, InvalidArgumentError } from 'commander';
import { type SearchHit, type SearchResult, searchArchive } from '../../services/search-archive.js';
import type { SearchResultType } from '../../store/search-reader.js';
import { EXIT_OK } from '../exit-codes.js';
import { printJson, withArchive, withDbOption } from '../open-archive.js';

interface SearchOptions {
  db?: string;
  json?: boolean;
  timeline?: boolean;
  body?: string;
  from?: string;
  to?: string;
  person?: string;
  org?: string;
  kind?: string;
  type?: string[];
  open?: boolean;
  limit?: number;
  offset?: number;
}

const TYPE_LABELS: Readonly<Record<SearchResultType, [string, string]>> = {
  item: ['ärende', 'ärenden'],
  decision: ['beslut', 'beslut'],
  meeting: ['möte', 'möten'],
  person: ['person', 'personer'],
};

function count(n: number, type: SearchResultType): string {
  return `${n} ${TYPE_LABELS[type][n === 1 ? 0 : 1]}`;
}

function integer(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw new InvalidArgumentError('ange ett heltal');
  return n;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function heading(hit: SearchHit): string {
  const meeting = [hit.body, hit.meetingNumber].filter(Boolean).join(' ');
  const where = [meeting, hit.date].filter(Boolean).join(', ');
  const label = hit.type === 'item' && hit.itemNumber ? `ärende ${hit.itemNumber}` : TYPE_LABELS[hit.type][0];
  const kind = hit.decisionKind ? ` (${hit.decisionKind})` : '';
  return `[${label}${kind}] ${hit.titleMarked}${where ? `  — ${where}` : ''}`;
}

function printHits(hits: readonly SearchHit[], indent: string): void {
  for (const hit of hits) {
    process.stdout.write(`${indent}${heading(hit)}\n`);
    if (hit.snippet) process.stdout.write(`${indent}  ${hit.snippet}\n`);
    process.stdout.write(`${indent}  id ${hit.id}\n`);
  }
}

function printResult(result: SearchResult): void {
  if (result.total === 0) {
    process.stdout.write(`Inga träffar för "${result.query}".\n`);
    return;
  }
  const byType = result.counts.types.map((t) => count(t.count, t.value)).join(', ');
  const shown =
    result.hits.length > 0
      ? `, visar ${result.offset + 1}–${result.offset + result.hits.length}`
      : ', inga på denna sida';
  const total = result.counts.capped ? `Fler än ${result.total}` : String(result.total);
  process.stdout.write(`${total} träffar för "${result.query}" (${byType})${shown}\n`);
  if (result.counts.capped) {
    process.stdout.write(`De ${result.total} senaste träffarna är rangordnade och räknade; avgränsa med filter.\n`);
  }
  if (result.timeline) {
    for (const year of result.timeline) {
      process.stdout.write(`\n${year.year}  ${year.count} träffar\n`);
      printHits(year.hits, '  ');
    }
    return;
  }
  const years = result.counts.years.map((y) => `${y.value}: ${y.count}`).join(', ');
  if (years) process.stdout.write(`år: ${years}\n`);
  process.stdout.write('\n');
  printHits(result.hits, '');
}

/** `protokoll search QUERY [filters] [--timeline] [--json]`: full-text search over the archive. */
export function registerSearch(program: Command): void {
  withDbOption(
    program
      .command('search')
      .description('Sök i arkivet: ärenden, beslut, möten och personer')
      .argument(
        '<query...>',
        'sökfråga: ord (alla måste finnas), "fras", prefix*, OR, NOT eller -ord, (parenteser). ' +
          'Börjar frågan med -, skriv -- före den.',
      )
      .option('--timeline', 'gruppera de bästa träffarna per år')
      .option('--json', 'skriv JSON')
      .option('--body <organ>', 'bara möten i detta organ (del av namnet)')
      .option('--from <datum>', 'från och med datum: ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD')
      .option('--to <datum>', 'till och med datum: ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD')
      .option('--person <namn>', 'bara sådant personen deltog i eller fick i uppdrag')
      .option('--org <organisation>', 'bara sådant organisationen deltog i eller fick i uppdrag')
      .option('--kind <beslutstyp>', 'bara beslut av denna typ (t.ex. uppdrag, godkännande, information)')
      .option('--type <typ>', 'bara dessa resultattyper: ärende, beslut, möte, person (kan upprepas)', collect)
      .option('--open', 'bara sådant som har öppna uppdrag')
      .option('--limit <n>', 'antal träffar (1–100, standard 20)', integer)
      .option('--offset <n>', 'hoppa över så många träffar (för nästa sida)', integer),
  ).action(async (words: string[], options: SearchOptions) => {
    const colour = !options.json && process.stdout.isTTY && !process.env.NO_COLOR;
    const result = await withArchive(options.db, (store, search) =>
      searchArchive(store, search, {
        query: words.join(' '),
        ...(options.type ? { types: options.type } : {}),
        ...(options.body !== undefined ? { body: options.body } : {}),
        ...(options.from !== undefined ? { from: options.from } : {}),
        ...(options.to !== undefined ? { to: options.to } : {}),
        ...(options.person !== undefined ? { person: options.person } : {}),
        ...(options.org !== undefined ? { organisation: options.org } : {}),
        ...(options.kind !== undefined ? { kind: options.kind } : {}),
        ...(options.open ? { open: true } : {}),
        ...(options.limit !== undefined ? { limit: options.limit } : {}),
        ...(options.offset !== undefined ? { offset: options.offset } : {}),
        ...(options.timeline ? { timeline: true } : {}),
        ...(colour ? { marks: { open: '\u001b[1m', close: '\u001b[22m' } } : {}),
      }),
    );
    if (options.json) printJson(result);
    else printResult(result);
    process.exitCode = EXIT_OK;
  });
}
