import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { AppDeps } from '../deps.js';

/** The client's address, for rate limiting: the socket's, or the proxy's X-Forwarded-For when trusted. */
export function clientAddress(c: Context, deps: AppDeps): string {
  if (deps.trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // In-process requests (tests) have no socket.
    return 'local';
  }
}

/** Whether the request reached us over https, so cookies must be `Secure`. */
export function isSecure(c: Context, deps: AppDeps): boolean {
  const setting = deps.secureCookies ?? 'auto';
  if (setting !== 'auto') return setting;
  if (new URL(c.req.url).protocol === 'https:') return true;
  return deps.trustProxy === true && c.req.header('x-forwarded-proto') === 'https';
}
