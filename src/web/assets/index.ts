import { createHash } from 'node:crypto';
import { STYLES } from './styles.js';

export interface Asset {
  body: string;
  type: string;
}

function hashed(name: string, ext: string, body: string): [string, string] {
  return [name, `${name}-${createHash('sha256').update(body).digest('hex').slice(0, 10)}.${ext}`];
}

const [, STYLE_FILE] = hashed('style', 'css', STYLES);

/** The static files, by their content-hashed names: a fixed map, so no request can name a file outside it. */
export const ASSETS: ReadonlyMap<string, Asset> = new Map([
  [STYLE_FILE, { body: STYLES, type: 'text/css; charset=utf-8' }],
]);

export const STYLE_URL = `/assets/${STYLE_FILE}`;
