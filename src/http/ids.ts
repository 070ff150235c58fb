import { z } from 'zod';

/** A deterministic id of the archive ("m_" + 20 hex digits); anything else in a URL is a 404, not a query. */
export function idOf(prefix: string) {
  return z.string().regex(new RegExp(`^${prefix}_[0-9a-f]{20}$`));
}

export function isId(prefix: string, value: string): boolean {
  return idOf(prefix).safeParse(value).success;
}
