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
  return DATE_FORMATS[lang].format(new Date(`${iso}T12:00:00Z`));
}

// Made once: building an Intl formatter costs far more than formatting (a meeting page formats dozens of dates).
const DATE_FORMATS: Readonly<Record<Lang, Intl.DateTimeFormat>> = {
  sv: new Intl.DateTimeFormat('sv-SE', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
};
const RATE_FORMATS: Readonly<Record<Lang, Intl.NumberFormat>> = {
  sv: new Intl.NumberFormat('sv-SE', { style: 'percent', maximumFractionDigits: 0 }),
  en: new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 0 }),
};

/** 0.889 → "89 %" (sv) or "89%" (en). */
export function formatRate(rate: number | null, lang: Lang): string {
  if (rate === null) return '–';
  return RATE_FORMATS[lang].format(rate);
}
