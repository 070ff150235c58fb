/** Day arithmetic and the Swedish ways the protocols write dates and times. */

/** A calendar day as a count of days since 1970-01-01 (UTC), so that arithmetic is plain integer maths. */
export type Day = number;

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

const MS_PER_DAY = 86_400_000;

const MONTHS = [
  'januari',
  'februari',
  'mars',
  'april',
  'maj',
  'juni',
  'juli',
  'augusti',
  'september',
  'oktober',
  'november',
  'december',
] as const;

const WEEKDAYS = ['söndag', 'måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag'] as const;

/** The day of a calendar date. */
export function dayOf(y: number, m: number, d: number): Day {
  return Math.round(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

/** The calendar date of a day (Howard Hinnant's civil_from_days: plain arithmetic, no Date object). */
export function ymd(day: Day): Ymd {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: Day): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** The first day on or after `day` that falls on `dow` (0 = Sunday). */
export function onOrAfterWeekday(day: Day, dow: number): Day {
  return day + ((dow - weekday(day) + 7) % 7);
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** 2016-11-18 */
export function iso(day: Day): string {
  const { y, m, d } = ymd(day);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** 2016-11 */
export function isoMonth(y: number, m: number): string {
  return `${y}-${pad2(m)}`;
}

/** 161118, the directors' group's own way of writing a date. */
export function yymmdd(day: Day): string {
  const { y, m, d } = ymd(day);
  return `${pad2(y % 100)}${pad2(m)}${pad2(d)}`;
}

/** "Torsdag 3 november 2011" */
export function longDate(day: Day): string {
  const { y, m, d } = ymd(day);
  const name = WEEKDAYS[weekday(day)] as string;
  return `${name.charAt(0).toUpperCase()}${name.slice(1)} ${d} ${MONTHS[m - 1]} ${y}`;
}

/** "16 februari" */
export function dayMonth(day: Day): string {
  const { m, d } = ymd(day);
  return `${d} ${MONTHS[m - 1]}`;
}

export function monthName(m: number): string {
  return MONTHS[m - 1] as string;
}

/** A time of day in minutes after midnight. */
export type Minutes = number;

/** "08:30", the contract's form. */
export function hhmm(t: Minutes): string {
  return `${pad2(Math.floor(t / 60))}:${pad2(t % 60)}`;
}

/** "08.30", the protocols' form. */
export function hhmmDot(t: Minutes): string {
  return `${pad2(Math.floor(t / 60))}.${pad2(t % 60)}`;
}
