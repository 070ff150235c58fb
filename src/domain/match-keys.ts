import { createHash } from 'node:crypto';

/**
 * Folds a name or phrase to the key used for matching: lower case, whitespace collapsed, punctuation dropped, and
 * diacritics removed except on å, ä and ö, which are letters of their own in Swedish ("Crespín" and "Crespin" match,
 * "Åke" and "Ake" do not).
 */
export function matchKey(text: string): string {
  // Park å/ä/ö on private-use code points while every other diacritic is stripped, then put them back.
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[åäö]/g, (c) => PARK[c as 'å' | 'ä' | 'ö'])
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[\uE000-\uE002]/g, (c) => UNPARK[c]!)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const PARK = { å: '\uE000', ä: '\uE001', ö: '\uE002' } as const;
const UNPARK: Record<string, string> = { '\uE000': 'å', '\uE001': 'ä', '\uE002': 'ö' };

/**
 * The series a meeting belongs to: one body of one organisation ("kommunstyrelsen|båstads kommun"). A dated
 * meeting's natural key is its series, `|` and its ISO date, so the meetings of a series sort by date under it.
 */
export function seriesKey(body: string | null, organization: string | null): string {
  return `${matchKey(body ?? '')}|${matchKey(organization ?? '')}`;
}

/** The series of a dated meeting's natural key (see `seriesKey`). */
export function seriesOfNaturalKey(naturalKey: string): string {
  return naturalKey.slice(0, naturalKey.lastIndexOf('|'));
}

/**
 * A deterministic identifier: `prefix_` plus 20 hex digits of the SHA-256 of the parts. The same natural key always
 * gives the same id, so a re-import addresses the same rows and manual decisions keyed by id survive it.
 */
export function stableId(prefix: string, ...parts: readonly string[]): string {
  const hash = createHash('sha256').update(parts.join('\u001f')).digest('hex');
  return `${prefix}_${hash.slice(0, 20)}`;
}

/** SHA-256 of bytes as lower-case hex (the `source.sha256` of protokoll/1). */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
