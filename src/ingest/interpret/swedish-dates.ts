/**
 * Swedish dates and times as protocols write them: "161118", "2024-02-16", "3 november 2011", "Den 16 februari",
 * "i februari 2017", "mitten av mars", "15/3", "kl. 08.30-12.30". Written by hand rather than with chrono-node's
 * Swedish locale: chrono cost ~1 ms per call, which alone would miss the throughput goal, and it does not know
 * the six-digit YYMMDD form or month-only deadlines.
 */

export interface DateValue {
  /** "YYYY-MM-DD", or "YYYY-MM" when only the month is known. */
  value: string;
  /** The phrase as written. */
  text: string;
  /** Set when a misspelt month name had to be recognised ("januar"). */
  typo: string | null;
}

const MONTHS: [RegExp, number][] = [
  [/^jan(uari|uary|\.)?$/, 1],
  [/^feb(ruari|r\.?|\.)?$/, 2],
  [/^mars$|^mar\.?$/, 3],
  [/^apr(il|\.)?$/, 4],
  [/^maj$/, 5],
  [/^jun(i|\.)?$/, 6],
  [/^jul(i|\.)?$/, 7],
  [/^aug(usti|\.)?$/, 8],
  [/^sep(tember|t\.?|\.)?$/, 9],
  [/^okt(ober|\.)?$/, 10],
  [/^nov(ember|\.)?$/, 11],
  [/^dec(ember|\.)?$/, 12],
];
const TYPOS: [RegExp, number][] = [
  [/^januar$|^janauri$|^jamuari$/, 1],
  [/^februar$|^febuari$|^feburari$/, 2],
  [/^marsi$/, 3],
  [/^agusti$|^augusi$/, 8],
  [/^septemer$|^sepember$/, 9],
  [/^oktber$|^oktobe$/, 10],
  [/^novmber$|^novemer$/, 11],
  [/^decmber$|^decemer$/, 12],
];

/** A month word (also abbreviations and common misspellings) → month number and whether it was a typo. */
export function monthNumber(word: string): { month: number; typo: boolean } | null {
  const w = word.toLowerCase();
  for (const [re, m] of MONTHS) if (re.test(w)) return { month: m, typo: false };
  for (const [re, m] of TYPOS) if (re.test(w)) return { month: m, typo: true };
  return null;
}

const pad = (n: number) => String(n).padStart(2, '0');

function validDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= daysInMonth(y, m);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month, counted without building a Date (this runs for every date candidate in a text). */
function daysInMonth(y: number, m: number): number {
  if (m !== 2) return DAYS_IN_MONTH[m - 1]!;
  // As Date.UTC counts them, which reads the years 0–99 as 1900–1999.
  const year = y >= 0 && y <= 99 ? 1900 + y : y;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

export function isoDay(y: number, m: number, d: number): string | null {
  return validDay(y, m, d) ? `${y}-${pad(m)}-${pad(d)}` : null;
}

/** Two-digit years in protocols: 00–69 are 2000s, 70–99 the 1900s. */
function fullYear(yy: number): number {
  return yy < 70 ? 2000 + yy : 1900 + yy;
}

const MONTH_WORD =
  '(?:jan(?:uari|uar)?|feb(?:ruari|ruar|r)?|mars|mar|apr(?:il)?|maj|jun(?:i)?|jul(?:i)?|aug(?:usti)?|sep(?:tember|t)?|okt(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';

// Ordered from most to least specific; each pattern is anchored on word boundaries and has no nested
// quantifiers, so matching stays linear on long lines.
type Resolve = (ref: string | null, month: number) => number | null;

const DATE_PATTERNS: {
  re: RegExp;
  /** Whether every match has a digit (all but month names alone). */
  digits: boolean;
  read: (m: RegExpExecArray, ref: string | null, dayYear: Resolve) => DateValue | null;
}[] = [
  {
    re: /\b(\d{4})-(\d{2})-(\d{2})\b/g,
    digits: true,
    read: (m) => day(Number(m[1]), Number(m[2]), Number(m[3]), m[0]),
  },
  {
    re: new RegExp(`\\b(\\d{1,2})(?::e|:a)?\\s+(${MONTH_WORD})(?:\\s+(\\d{4}))?\\b`, 'gi'),
    digits: true,
    read: (m, ref, dayYear) => {
      const month = monthNumber(m[2]!.replace(/\.$/, ''));
      if (!month) return null;
      const year = m[3] ? Number(m[3]) : dayYear(ref, month.month);
      if (year === null) return null;
      const v = day(year, month.month, Number(m[1]), m[0]);
      return v && month.typo ? { ...v, typo: m[2]! } : v;
    },
  },
  {
    re: /(?<![\d/.-])(\d{2})(\d{2})(\d{2})(?:-(\d{2}))?(?![\d/-]|\.\d)/g,
    digits: true,
    read: (m) => day(fullYear(Number(m[1])), Number(m[2]), Number(m[3]), m[0]),
  },
  {
    re: /(?<![\d/])(\d{1,2})\/(\d{1,2})(?:\s+|-)?(\d{4})?(?![\d/])/g,
    digits: true,
    read: (m, ref, dayYear) => {
      const month = Number(m[2]);
      const year = m[3] ? Number(m[3]) : dayYear(ref, month);
      return year === null ? null : day(year, month, Number(m[1]), m[0]);
    },
  },
  {
    re: new RegExp(
      `\\b(?:(?:i|under|till|senast i|senast|före|efter|inför|i slutet av|i början av|mitten av|i mitten av|slutet av|början av)\\s+)?(${MONTH_WORD})(?:\\s+(?:månad\\s+)?(\\d{4}))?\\b`,
      'gi',
    ),
    digits: false,
    read: (m, ref) => {
      const month = monthNumber(m[1]!.replace(/\.$/, ''));
      if (!month) return null;
      // A bare abbreviation like "mar" or "jun" is too often something else; require the full name or a year.
      if (!m[2] && m[1]!.length < 4 && !/^maj$/i.test(m[1]!)) return null;
      const year = m[2] ? Number(m[2]) : yearAfter(ref, month.month);
      if (year === null) return null;
      return { value: `${year}-${pad(month.month)}`, text: m[0], typo: month.typo ? m[1]! : null };
    },
  },
];

const MONTH_NAME_PATTERNS = DATE_PATTERNS.filter((p) => !p.digits);

function day(y: number, m: number, d: number, text: string): DateValue | null {
  const value = isoDay(y, m, d);
  return value ? { value, text, typo: null } : null;
}

/** Year for a day-and-month date without year: the one nearest the meeting date. */
function yearNear(ref: string | null, month: number): number | null {
  if (!ref) return null;
  const y = Number(ref.slice(0, 4));
  const m = Number(ref.slice(5, 7));
  if (month - m > 6) return y - 1;
  if (m - month > 6) return y + 1;
  return y;
}

/** Year for a deadline day without year: the next such month from the meeting on (same month counts). */
function yearAfterDay(ref: string | null): Resolve {
  return (_ref, month) => yearAfter(ref, month);
}

/** Year for a month named without year: the next such month from the meeting on ("mitten av mars" in November). */
function yearAfter(ref: string | null, month: number): number | null {
  if (!ref) return null;
  const y = Number(ref.slice(0, 4));
  const m = Number(ref.slice(5, 7));
  return month < m ? y + 1 : y;
}

/**
 * All dates in a text, in order of appearance, resolved against the meeting date `ref` ("YYYY-MM-DD"). A day and
 * month without year is the one nearest the meeting, or with `future` (deadlines) the next one after it.
 */
export function findDates(text: string, ref: string | null, options: { future?: boolean } = {}): DateValue[] {
  const dayYear: Resolve = options.future ? yearAfterDay(ref) : yearNear;
  const found: { index: number; end: number; value: DateValue }[] = [];
  // Most text has no digits, and then only month names can make a date.
  const patterns = /\d/.test(text) ? DATE_PATTERNS : MONTH_NAME_PATTERNS;
  for (const { re, read } of patterns) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (found.some((f) => start < f.end && end > f.index)) continue;
      const value = read(m, ref, dayYear);
      if (value) found.push({ index: start, end, value: { ...value, text: value.text.trim() } });
    }
  }
  return found.sort((a, b) => a.index - b.index).map((f) => f.value);
}

/** The first full date (YYYY-MM-DD) in a text, or null. */
export function findDay(text: string, ref: string | null): DateValue | null {
  return findDates(text, ref).find((d) => d.value.length === 10) ?? null;
}

/** "08.30", "8:30", "13" → "08:30", "13:00"; null when not a time of day. */
export function normaliseTime(raw: string): string | null {
  const m = /^(\d{1,2})(?:[.:](\d{2}))?$/.exec(raw.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = m[2] ? Number(m[2]) : 0;
  if (h > 24 || min > 59) return null;
  return `${pad(h === 24 ? 0 : h)}:${pad(min)}`;
}

/** A time span "kl. 08.30-12.30", "13.00 – 17.00", "08.30-13:00", "kl 9-12"; or a single "kl 10.10". */
export function findTimeSpan(text: string): { start: string | null; end: string | null; text: string } | null {
  const span =
    /(?:\bkl\.?\s*)?\b(\d{1,2}[.:]\d{2}|\d{1,2})\s*(?:-|–|—|till|to)\s*(?:kl\.?\s*)?(\d{1,2}[.:]\d{2}|\d{1,2})\b/i.exec(
      text,
    );
  if (span && (span[0].toLowerCase().includes('kl') || /[.:]/.test(span[1]!))) {
    const start = normaliseTime(span[1]!);
    const end = normaliseTime(span[2]!);
    if (start && end) return { start, end, text: span[0] };
  }
  const single = /\bkl\.?\s*(\d{1,2}(?:[.:]\d{2})?)\b/i.exec(text);
  if (single) {
    const start = normaliseTime(single[1]!);
    if (start) return { start, end: null, text: single[0] };
  }
  return null;
}
