import { lineKey } from './clean-line.js';
import {
  CONTACT_RE,
  DECISION_LABEL_RE,
  ESIGN_LINE_RE,
  ESIGN_START_RE,
  isProposalLabel,
  PAGE_FURNITURE_RE,
  PRESENTER_LABEL_RE,
  SECTION_LABEL_RE,
  signatureRole,
  UNNUMBERED_SECTION_RE,
} from './labels.js';
import type { WorkLine } from './work-line.js';

/**
 * Marks the lines that are not content: page numbers, page headers repeated mid-text, e-signature pages and the
 * letterhead's contact details. They are dropped silently, because they are the document's furniture, not its text.
 */
export function markNoise(lines: WorkLine[]): void {
  markESignature(lines);
  const content = lines.filter((l) => !l.noise && l.text);
  for (const line of content) {
    if (PAGE_FURNITURE_RE.test(line.text)) line.noise = true;
  }
  markLetterhead(lines);
  markRepeatedHeaders(lines);
}

function markESignature(lines: WorkLine[]): void {
  const start = lines.findIndex((l) => ESIGN_START_RE.test(l.text));
  if (start >= 0) for (let i = start; i < lines.length; i++) lines[i]!.noise = true;
  for (const line of lines) if (line.text.length < 400 && ESIGN_LINE_RE.test(line.text)) line.noise = true;
}

/** Lines that can repeat legitimately and must never be taken for a page header. */
function mayRepeat(text: string): boolean {
  return (
    /^(?:§\s*\d|\d{1,2}[.)]\s|[-*•]\s)/.test(text) ||
    /^(?:samt\s+)?att\s/i.test(text) ||
    DECISION_LABEL_RE.test(text) ||
    PRESENTER_LABEL_RE.test(text) ||
    SECTION_LABEL_RE.test(text) ||
    isProposalLabel(text) ||
    UNNUMBERED_SECTION_RE.test(text) ||
    signatureRole(text) !== null ||
    /[.!?]$/.test(text)
  );
}

function markRepeatedHeaders(lines: WorkLine[]): void {
  // Index-based and allocation-light: this runs on every line of every imported protocol.
  const n = lines.length;
  const keys: (string | undefined)[] = new Array(n);
  const counts = new Map<string, number>();
  let titleIndex = -1;
  let repeats = false;
  for (let i = 0; i < n; i++) {
    const line = lines[i]!;
    if (line.noise || !line.text) continue;
    if (titleIndex < 0) titleIndex = i;
    if (line.text.length > 90) continue;
    // Page headers differ only in their page number ("… 2 (9)", "… 3 (9)"): those compare without digits.
    const key = PAGE_NUMBER_IN_LINE_RE.test(line.text) ? lineKey(line.text).replace(/\d+/g, '#') : lineKey(line.text);
    keys[i] = key;
    const count = (counts.get(key) ?? 0) + 1;
    counts.set(key, count);
    if (count > 1) repeats = true;
  }
  if (titleIndex < 0) return;
  const titleLineKey = lineKey(lines[titleIndex]!.text);
  const titleKey = fuzzyKey(titleLineKey);
  const titleKeyLength = titleLineKey.length;
  const paged = lines.some((l) => l.page !== null && l.page > 1);
  const nearFurniture = repeats ? linesNearFurniture(lines) : new Set<number>();
  const seen = new Set<string>();
  let page: number | null = null;
  let onPage = 0;
  for (let i = titleIndex + 1; i < n; i++) {
    const line = lines[i]!;
    if (line.noise || !line.text) continue;
    if (line.page !== page) {
      page = line.page;
      onPage = 0;
    }
    onPage++;
    const key = keys[i];
    if (key === undefined) continue;
    const count = counts.get(key) ?? 0;
    const likeTitle = titleKey.length >= 12 && Math.abs(key.length - titleKeyLength) <= 3 && fuzzyKey(key) === titleKey;
    if (count < 2 && !likeTitle) continue;
    // A wrapped line of prose goes on in lower case on the very next line; a header does not.
    if (/^\p{Ll}/u.test(lines[i + 1]?.text ?? '')) continue;
    // An entry of a list ("Beslutet skickas till / Kommunfullmäktige") follows content without a blank line.
    const before = lines[i - 1];
    if (
      before?.text &&
      !before.noise &&
      (counts.get(keys[i - 1] ?? '') ?? 0) < 2 &&
      !PAGE_FURNITURE_RE.test(before.text)
    ) {
      continue;
    }
    if (mayRepeat(line.text)) continue;
    // The first occurrence is the page-1 header, which carries the body and the date; later ones are furniture.
    if (!likeTitle && !seen.has(key)) {
      seen.add(key);
      continue;
    }
    // A repeated line is a page header when it sits at the top of a page, or (text without page breaks) next
    // to page furniture such as "2 (14)" or "Justerandes sign"; a phrase that merely recurs is content.
    if (likeTitle || (paged && onPage <= 4) || nearFurniture.has(i)) line.noise = true;
  }
}

const PAGE_NUMBER_IN_LINE_RE = /\d+\s*\(\d+\)|\bsida\s*\d+|(?<![\d/])\d{1,3}\s*(?:av|\/)\s*\d{1,3}\s*$/i;

/** Indexes of lines just after page furniture (page numbers, signature boxes) that was marked as noise. */
function linesNearFurniture(lines: WorkLine[]): Set<number> {
  const near = new Set<number>();
  const reach = 6;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.noise || !PAGE_FURNITURE_RE.test(line.text)) continue;
    // Headers follow the previous page's footer (or the page number) at the top of the next page.
    for (let j = i + 1; j <= Math.min(lines.length - 1, i + reach); j++) near.add(j);
  }
  return near;
}

/**
 * Headers repeat with small variations ("Kommundirektörmöte" / "Kommundirektörsmöte"): the key drops linking
 * s's and digits so such variants compare equal. Made from the line's `lineKey`, with or without its digits
 * already replaced.
 */
function fuzzyKey(key: string): string {
  return key.replace(/\d+/g, '#').replace(/s(?=[^aeiouyåäö])/g, '');
}

const CONTACT_HINT_RE = /[@\d]|tel|mob|fax|post|mail|www/i;

/** Contact lines at the top (phone, e-mail) and the name line directly above them. */
function markLetterhead(lines: WorkLine[]): void {
  const top = lines.slice(0, Math.min(lines.length, 25));
  for (let i = 0; i < top.length; i++) {
    const line = top[i]!;
    if (line.noise || !line.text || line.text.length > 80 || !CONTACT_HINT_RE.test(line.text)) continue;
    if (!CONTACT_RE.test(line.text)) continue;
    line.noise = true;
    for (let j = i - 1; j >= 0; j--) {
      const prev = top[j]!;
      if (!prev.text) continue;
      if (!prev.noise && prev.text.length < 40 && /^[\p{Lu}][\p{L}-]+(?:\s+[\p{Lu}][\p{L}-]+){1,3}$/u.test(prev.text)) {
        prev.noise = true;
      }
      break;
    }
  }
}
