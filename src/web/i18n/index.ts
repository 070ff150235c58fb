import { en } from './en.js';
import { type MessageKey, type Messages, sv } from './sv.js';

export const LANGS = ['sv', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export type { MessageKey };

export type Translate = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string;

const CATALOGUES: Readonly<Record<Lang, Messages>> = { sv, en };

/** A translator for one language; `{name}` in a message is replaced by `params.name`. */
export function translator(lang: Lang): Translate {
  const messages = CATALOGUES[lang];
  return (key, params) => {
    const message = messages[key];
    if (!params) return message;
    return message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  };
}

export function isLang(value: unknown): value is Lang {
  return value === 'sv' || value === 'en';
}

/** "2016-11-18" → "18 november 2016" (sv) or "18 November 2016" (en); partial and missing dates pass through. */
export function formatDate(iso: string | null, lang: Lang): string | null {
  if (!iso || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const date = new Date(`${iso}T12:00:00Z`);
  return new Intl.DateTimeFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

/** 0.889 → "89 %" (sv) or "89%" (en). */
export function formatRate(rate: number | null, lang: Lang): string {
  if (rate === null) return '–';
  return new Intl.NumberFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', {
    style: 'percent',
    maximumFractionDigits: 0,
  }).format(rate);
}
