import { AppError } from '../domain/errors.js';
import { analyzeQueryWords } from './analyzer.js';
import type { MatchNode, QueryNode, SearchQuery } from './query.js';

/** Longer queries are almost certainly pasted text, and they would make slow index queries. */
export const MAX_QUERY_LENGTH = 500;
/** Words and phrases in one query. */
export const MAX_QUERY_TERMS = 32;
/** Shortest prefix before `*`; one letter would match half the index. */
export const MIN_PREFIX_LENGTH = 2;

const OPERATORS: Readonly<Record<string, 'or' | 'and' | 'not'>> = {
  OR: 'or',
  ELLER: 'or',
  AND: 'and',
  OCH: 'and',
  NOT: 'not',
  INTE: 'not',
};

type Token =
  | { kind: 'open' | 'close'; at: number }
  | { kind: 'or' | 'and' | 'not'; at: number; word: string }
  | { kind: 'minus'; at: number }
  | { kind: 'text'; at: number; text: string; quoted: boolean; prefix: boolean };

/**
 * Parses a search query: words (implicitly AND), "phrases", prefixes `trainee*`, OR, AND, NOT or a leading `-`,
 * and parentheses. Operators are written in capitals (OR/ELLER, AND/OCH, NOT/INTE); in lower case they are words.
 * Words that hold no letters or digits ("&", "–") are ignored.
 *
 * Throws AppError('invalid-query') with a Swedish message for anything it cannot read: an empty query, an
 * unclosed quote or parenthesis, an operator with nothing on one side, a query that only excludes. Never throws
 * anything else.
 */
export function parseQuery(source: string): SearchQuery {
  if (source.length > MAX_QUERY_LENGTH) {
    fail(`Sökningen är för lång (${source.length} tecken). Korta den till högst ${MAX_QUERY_LENGTH} tecken.`);
  }
  if (source.trim() === '') fail('Skriv något att söka efter.');
  const parser = new Parser(tokenize(source));
  const root = parser.parseQuery();
  if (!root) fail('Sökningen innehåller inga ord att söka efter. Använd bokstäver eller siffror.');
  const checked = check(flatten(root));
  if (!hasPositive(checked)) {
    fail('Sökningen utesluter bara ord (med NOT eller -). Lägg till något att söka efter, t.ex. "budget -2019".');
  }
  if (parser.terms > MAX_QUERY_TERMS) {
    fail(`Sökningen har för många ord (${parser.terms}). Använd högst ${MAX_QUERY_TERMS}.`);
  }
  return { source, root: checked };
}

function fail(message: string, details: Record<string, unknown> = {}): never {
  throw new AppError('invalid-query', message, details);
}

/** Position for messages, counted from 1 as people do. */
function position(at: number): string {
  return `tecken ${at + 1}`;
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const char = source[i]!;
    if (/\s/u.test(char)) {
      i++;
    } else if (char === '(' || char === ')') {
      tokens.push({ kind: char === '(' ? 'open' : 'close', at: i });
      i++;
    } else if (char === '"' || char === '”' || char === '“') {
      const close = findClosingQuote(source, i + 1);
      if (close < 0) {
        fail(`Citattecknet vid ${position(i)} avslutas aldrig. Lägg till ett " efter frasen eller ta bort det.`, {
          at: i,
        });
      }
      let end = close + 1;
      let prefix = false;
      while (source[end] === '*') {
        prefix = true;
        end++;
      }
      tokens.push({ kind: 'text', at: i, text: source.slice(i + 1, close), quoted: true, prefix });
      i = end;
    } else if (char === '-' && i + 1 < source.length && !/[\s)-]/u.test(source[i + 1]!)) {
      tokens.push({ kind: 'minus', at: i });
      i++;
    } else {
      let end = i;
      while (end < source.length && !/[\s()"”“]/u.test(source[end]!)) end++;
      const word = source.slice(i, end);
      const operator = OPERATORS[word];
      if (operator) {
        tokens.push({ kind: operator, at: i, word });
      } else {
        const bare = word.replace(/\*+$/u, '');
        tokens.push({ kind: 'text', at: i, text: bare, quoted: false, prefix: bare !== word });
      }
      i = end;
    }
  }
  return tokens;
}

function findClosingQuote(source: string, from: number): number {
  for (let i = from; i < source.length; i++) {
    const char = source[i];
    if (char === '"' || char === '”' || char === '“') return i;
  }
  return -1;
}

/** Recursive descent over `query := or; or := and (OR and)*; and := unary ([AND] unary)*; unary := (NOT|-) unary | primary`. */
class Parser {
  private index = 0;
  terms = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  parseQuery(): QueryNode | null {
    const node = this.parseOr();
    const extra = this.tokens[this.index];
    if (extra) {
      if (extra.kind === 'close') {
        fail(`Parentesen ) vid ${position(extra.at)} har ingen ( före sig. Ta bort den eller lägg till en (.`, {
          at: extra.at,
        });
      }
      fail(`Sökningen kunde inte läsas vid ${position(extra.at)}.`, { at: extra.at });
    }
    return node;
  }

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }

  private parseOr(): QueryNode | null {
    const children: QueryNode[] = [];
    let start = this.index;
    let node = this.parseAnd();
    for (let token = this.peek(); token?.kind === 'or'; token = this.peek()) {
      if (this.index === start) {
        fail(`${token.word} vid ${position(token.at)} står utan något att söka efter före sig.`, { at: token.at });
      }
      this.index++;
      const next = this.peek();
      if (!next || next.kind === 'close' || next.kind === 'or' || next.kind === 'and') {
        fail(`${token.word} vid ${position(token.at)} står utan något att söka efter efter sig.`, { at: token.at });
      }
      if (node) children.push(node);
      start = this.index;
      node = this.parseAnd();
    }
    if (node) children.push(node);
    if (children.length === 0) return null;
    return children.length === 1 ? children[0]! : { type: 'or', children };
  }

  private parseAnd(): QueryNode | null {
    const children: QueryNode[] = [];
    let sawAny = false;
    for (;;) {
      const token = this.peek();
      if (!token || token.kind === 'close' || token.kind === 'or') break;
      if (token.kind === 'and') {
        this.index++;
        const next = this.peek();
        if (!sawAny) {
          fail(`${token.word} vid ${position(token.at)} står utan något att söka efter före sig.`, { at: token.at });
        }
        if (!next || next.kind === 'close' || next.kind === 'or' || next.kind === 'and') {
          fail(`${token.word} vid ${position(token.at)} står utan något att söka efter efter sig.`, { at: token.at });
        }
        continue;
      }
      sawAny = true;
      const child = this.parseUnary();
      if (child) children.push(child);
    }
    if (children.length === 0) return null;
    return children.length === 1 ? children[0]! : { type: 'and', children };
  }

  private parseUnary(): QueryNode | null {
    const token = this.peek()!;
    if (token.kind === 'not' || token.kind === 'minus') {
      this.index++;
      const next = this.peek();
      const name = token.kind === 'not' ? token.word : '-';
      if (!next || next.kind === 'close' || next.kind === 'or' || next.kind === 'and') {
        fail(`${name} vid ${position(token.at)} står utan något att utesluta efter sig.`, { at: token.at });
      }
      if (next.kind === 'not' || next.kind === 'minus') {
        fail(`Dubbel uteslutning vid ${position(token.at)}. Ta bort ett av NOT/-.`, { at: token.at });
      }
      const child = this.parseUnary();
      return child ? { type: 'not', child } : null;
    }
    return this.parsePrimary();
  }

  private parsePrimary(): QueryNode | null {
    const token = this.peek()!;
    this.index++;
    if (token.kind === 'open') {
      if (this.peek()?.kind === 'close') {
        fail(`Tomma parenteser vid ${position(token.at)}. Skriv något mellan ( och ) eller ta bort dem.`, {
          at: token.at,
        });
      }
      const inner = this.parseOr();
      if (this.peek()?.kind !== 'close') {
        fail(`Parentesen ( vid ${position(token.at)} stängs aldrig. Lägg till en ) eller ta bort den.`, {
          at: token.at,
        });
      }
      this.index++;
      return inner;
    }
    if (token.kind !== 'text') {
      // Only `and`, `or` and `close` can reach here, and the callers stop before each of them.
      fail(`Sökningen kunde inte läsas vid ${position(token.at)}.`, { at: token.at });
    }
    return this.match(token);
  }

  private match(token: Extract<Token, { kind: 'text' }>): MatchNode | null {
    const words = analyzeQueryWords(token.text);
    if (words.length === 0) {
      if (token.prefix) {
        fail(`* vid ${position(token.at)} måste stå direkt efter början av ett ord, t.ex. trainee*.`, {
          at: token.at,
        });
      }
      if (token.quoted && token.text.trim() === '') {
        fail(`Tom fras vid ${position(token.at)}. Skriv något mellan citattecknen eller ta bort dem.`, {
          at: token.at,
        });
      }
      return null;
    }
    if (token.prefix && words.at(-1)!.normalized.length < MIN_PREFIX_LENGTH) {
      fail(
        `Ordbörjan före * vid ${position(token.at)} är för kort. Skriv minst ${MIN_PREFIX_LENGTH} bokstäver, t.ex. tr*.`,
        { at: token.at },
      );
    }
    this.terms++;
    return { type: 'match', text: token.text, words, prefix: token.prefix };
  }
}

/** Merges nested ANDs and ORs, so "a (b -c)" becomes one AND whose negative part has a positive sibling. */
function flatten(node: QueryNode): QueryNode {
  switch (node.type) {
    case 'match':
      return node;
    case 'not':
      return { type: 'not', child: flatten(node.child) };
    case 'and':
    case 'or': {
      const children = node.children.map(flatten).flatMap((c) => (c.type === node.type ? c.children : [c]));
      return { type: node.type, children };
    }
  }
}

/** Rejects what no index can evaluate: an exclusion with nothing positive beside it. */
function check(node: QueryNode): QueryNode {
  switch (node.type) {
    case 'match':
      return node;
    case 'not':
      if (!hasPositive(node.child)) fail('Dubbel uteslutning (NOT eller - två gånger). Ta bort den ena.');
      return { type: 'not', child: check(node.child) };
    case 'and':
      for (const child of node.children) check(child);
      return node;
    case 'or':
      for (const child of node.children) {
        if (!hasPositive(child)) {
          fail(
            'Ett alternativ med OR kan inte bara bestå av en uteslutning (NOT eller -). Skriv t.ex. "(buss OR tåg) -flyg".',
          );
        }
        check(child);
      }
      return node;
  }
}

function hasPositive(node: QueryNode): boolean {
  switch (node.type) {
    case 'match':
      return true;
    case 'not':
      return false;
    case 'and':
      return node.children.some(hasPositive);
    case 'or':
      return node.children.every(hasPositive);
  }
}
