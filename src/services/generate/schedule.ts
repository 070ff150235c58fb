/**
 * When every generated meeting takes place. The corpus is a set of series (one directors' group or one formal
 * body each), every series meeting about nine times a year from 2011 to 2026; more files mean more series, so
 * the calendar of each stays plausible. Files are numbered in date order across all series.
 */
import { type Day, dayOf, onOrAfterWeekday, ymd } from './calendar.js';
import { hashSeed, Rng } from './prng.js';

export const LAYOUT_IDS = ['seed2011', 'seed2016', 'seed2024', 'formal'] as const;
export type LayoutId = (typeof LAYOUT_IDS)[number];
export type KdLayoutId = Exclude<LayoutId, 'formal'>;

const KD_LAYOUTS: readonly KdLayoutId[] = ['seed2011', 'seed2016', 'seed2024'];
const FIRST_DAY = dayOf(2011, 1, 10);
const LAST_DAY = dayOf(2026, 12, 18);
const YEAR_END = dayOf(2026, 12, 31);
/** About nine meetings a year for sixteen years. */
const MEETINGS_PER_SERIES = 144;

export interface Series {
  index: number;
  kind: 'kd' | 'formal';
  /** Cooperation index (kd) or formal body index (formal) in the world. */
  ref: number;
  days: Day[];
  /** The protocol's number within its year ("3" of "3/2017"), per meeting. */
  numbers: number[];
}

export interface Slot {
  series: number;
  /** Position of the meeting within its series. */
  seq: number;
  day: Day;
}

export interface Plan {
  series: Series[];
  slots: Slot[];
}

/** The house layout a directors' group used in a year, or the closest one allowed. */
export function kdLayoutFor(year: number, allowed: readonly LayoutId[]): KdLayoutId {
  const preferred = year <= 2015 ? 0 : year <= 2022 ? 1 : 2;
  let best: KdLayoutId | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  KD_LAYOUTS.forEach((l, i) => {
    if (!allowed.includes(l)) return;
    const d = Math.abs(i - preferred);
    if (d <= bestDistance) {
      best = l;
      bestDistance = d;
    }
  });
  if (best === null) throw new Error('no directors-group layout allowed');
  return best;
}

function meetingDays(rng: Rng, m: number, weekdayOf: (day: Day) => number): Day[] {
  const span = LAST_DAY - FIRST_DAY;
  const interval = span / m;
  const days: Day[] = [];
  let prev = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < m; k++) {
    let day = FIRST_DAY + Math.floor((k + 0.15 + 0.7 * rng.float()) * interval);
    if (interval >= 10) {
      const { y, m: month, d } = ymd(day);
      if (month === 7) day = dayOf(y, 8, 8 + rng.int(0, 6));
      else if (month === 12 && d > 18) day = dayOf(y, 12, 8 + rng.int(0, 6));
      else if (month === 1 && d < 8) day = dayOf(y, 1, 9 + rng.int(0, 6));
      day = onOrAfterWeekday(day, weekdayOf(day));
    }
    if (day <= prev) day = prev + (interval >= 10 ? 7 : interval >= 1 ? 1 : 0);
    // Never past the end of 2026, even after the pushes above (the last meetings may then share a day).
    day = Math.max(prev, Math.min(day, YEAR_END));
    days.push(day);
    prev = day;
  }
  return days;
}

/** Plans `count` meetings over the allowed layouts. */
export function planCorpus(count: number, seed: number, layouts: readonly LayoutId[]): Plan {
  if (count <= 0) return { series: [], slots: [] };
  const kdAllowed = layouts.some((l) => l !== 'formal');
  const formalAllowed = layouts.includes('formal');
  const seriesCount = Math.min(
    count,
    Math.max(kdAllowed && formalAllowed ? 2 : 1, Math.ceil(count / MEETINGS_PER_SERIES)),
  );
  const series: Series[] = [];
  let kdSeen = 0;
  let formalSeen = 0;
  for (let i = 0; i < seriesCount; i++) {
    const kind: Series['kind'] = kdAllowed && (!formalAllowed || i % 2 === 0) ? 'kd' : 'formal';
    const ref = kind === 'kd' ? kdSeen++ : formalSeen++;
    const m = Math.floor(count / seriesCount) + (i < count % seriesCount ? 1 : 0);
    const rng = new Rng(hashSeed(seed, 'schedule', i));
    // Directors' groups meet on Thursdays before 2016 and on Fridays after (as in the seeds); boards on a fixed weekday.
    const boardDay = rng.int(1, 4);
    const weekdayOf = kind === 'kd' ? (day: Day) => (ymd(day).y < 2016 ? 4 : 5) : () => boardDay;
    const days = meetingDays(rng, m, weekdayOf);
    const numbers: number[] = [];
    let year = 0;
    let n = 0;
    for (const d of days) {
      const y = ymd(d).y;
      n = y === year ? n + 1 : 1;
      year = y;
      numbers.push(n);
    }
    series.push({ index: i, kind, ref, days, numbers });
  }
  const slots: Slot[] = [];
  for (const s of series) {
    s.days.forEach((day, seq) => {
      slots.push({ series: s.index, seq, day });
    });
  }
  slots.sort((a, b) => a.day - b.day || a.series - b.series || a.seq - b.seq);
  return { series, slots };
}
