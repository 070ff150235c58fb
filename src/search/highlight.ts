import { analyzeWord, type WordAnalysis } from './analyzer.js';
import { wordSpans } from './normalize.js';
import type { QueryNode, SearchQuery } from './query.js';

export interface HighlightOptions {
  /** Longest snippet in characters, without the ellipses; 0 returns the whole text. Default 200. */
  maxLength?: number;
  /** Markers around matches in `plain`. Default « and ». */
  open?: string;
  close?: string;
}

export interface Snippet {
  /** HTML-escaped text with `<mark>` around each matched word. */
  html: string;
  /** The same text unescaped, with `open`/`close` markers around matches. */
  plain: string;
  /** Matched words in the snippet. */
  matches: number;
}

type WordMatcher = (word: WordAnalysis) => boolean;

const DEFAULT_LENGTH = 200;
const ELLIPSIS = '…';
/** How many characters before the first match a snippet starts, as a share of its length. */
const LEAD = 0.25;
/** Windows tried when choosing where a snippet starts. */
const MAX_CANDIDATES = 200;

/**
 * Prepares snippet highlighting for a query; the returned function is cheap to call for every result. Matching is
 * by analysed words, like the search itself: a query for "besluten" marks "beslutet", "ansökan" marks
 * "vuxenutbildningsansökan", "trainee*" marks "Traineegruppen". Words under NOT are not marked; the words of a
 * phrase are marked one by one.
 */
export function createHighlighter(query: SearchQuery): (text: string, options?: HighlightOptions) => Snippet {
  const matchers = positiveMatchers(query.root);
  return (text, options = {}) => snippet(text, matchers, options);
}

/** One-off convenience for `createHighlighter(query)(text, options)`. */
export function highlight(text: string, query: SearchQuery, options?: HighlightOptions): Snippet {
  return createHighlighter(query)(text, options);
}

function positiveMatchers(node: QueryNode): WordMatcher[] {
  switch (node.type) {
    case 'not':
      return [];
    case 'and':
    case 'or':
      return node.children.flatMap(positiveMatchers);
    case 'match':
      return node.words.map((word, i) =>
        node.prefix && i === node.words.length - 1 ? prefixMatcher(word) : wordMatcher(word),
      );
  }
}

function wordMatcher(query: WordAnalysis): WordMatcher {
  const partMatch = query.parts.length > 0 ? (word: WordAnalysis) => containsRun(word.parts, query.parts) : () => false;
  return (word) => word.stem === query.stem || word.parts.includes(query.stem) || partMatch(word);
}

function prefixMatcher(query: WordAnalysis): WordMatcher {
  return (word) =>
    word.stem.startsWith(query.stem) ||
    word.normalized.startsWith(query.normalized) ||
    word.parts.some((part) => part.startsWith(query.stem));
}

function containsRun(parts: readonly string[], run: readonly string[]): boolean {
  for (let i = 0; i + run.length <= parts.length; i++) {
    if (run.every((part, j) => parts[i + j] === part)) return true;
  }
  return false;
}

interface Hit {
  start: number;
  end: number;
  /** Bit set of the matchers that matched, for counting distinct query words in a window. */
  terms: Set<number>;
}

function snippet(text: string, matchers: readonly WordMatcher[], options: HighlightOptions): Snippet {
  const maxLength = options.maxLength ?? DEFAULT_LENGTH;
  const spans = wordSpans(text);
  const hits: Hit[] = [];
  for (const span of spans) {
    const word = analyzeWord(span.word);
    if (!word) continue;
    const terms = new Set<number>();
    matchers.forEach((matcher, i) => {
      if (matcher(word)) terms.add(i);
    });
    if (terms.size > 0) hits.push({ start: span.start, end: span.end, terms });
  }

  let from = 0;
  let to = text.length;
  if (maxLength > 0 && text.length > maxLength) {
    [from, to] = chooseWindow(text, spans, hits, maxLength);
  }
  const inside = hits.filter((hit) => hit.start >= from && hit.end <= to);
  const open = options.open ?? '«';
  const close = options.close ?? '»';
  let html = from > 0 ? ELLIPSIS : '';
  let plain = html;
  let at = from;
  for (const hit of inside) {
    const between = collapse(text.slice(at, hit.start));
    const word = text.slice(hit.start, hit.end);
    html += `${escapeHtml(between)}<mark>${escapeHtml(word)}</mark>`;
    plain += `${between}${open}${word}${close}`;
    at = hit.end;
  }
  const tail = collapse(text.slice(at, to));
  html += escapeHtml(tail);
  plain += tail;
  if (to < text.length) {
    html += ELLIPSIS;
    plain += ELLIPSIS;
  }
  return { html: html.trim(), plain: plain.trim(), matches: inside.length };
}

/** The window of at most maxLength characters, on word boundaries, that shows the most distinct query words. */
function chooseWindow(
  text: string,
  spans: readonly { start: number; end: number }[],
  hits: readonly Hit[],
  maxLength: number,
): [number, number] {
  const window = (anchor: number): [number, number] => {
    const wanted = Math.max(0, anchor - Math.floor(maxLength * LEAD));
    const first = spans.find((span) => span.start >= wanted && span.start <= anchor);
    const from = first && wanted > 0 ? first.start : wanted === 0 ? 0 : anchor;
    let to = Math.min(text.length, from + maxLength);
    if (to < text.length) {
      const last = spans.findLast((span) => span.end <= to && span.start >= from);
      if (last) to = last.end;
    }
    return [from, to];
  };
  if (hits.length === 0) return window(0);
  let best = window(hits[0]!.start);
  let bestScore = -1;
  for (const anchor of hits.slice(0, MAX_CANDIDATES)) {
    const [from, to] = window(anchor.start);
    const terms = new Set<number>();
    let count = 0;
    for (const hit of hits) {
      if (hit.start < from || hit.end > to) continue;
      count++;
      for (const term of hit.terms) terms.add(term);
    }
    const score = terms.size * 10_000 + count;
    if (score > bestScore) {
      bestScore = score;
      best = [from, to];
    }
  }
  return best;
}

function collapse(text: string): string {
  return text.replace(/\s+/gu, ' ');
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/gu, (char) => HTML_ESCAPES[char]!);
}
