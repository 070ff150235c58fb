import type { Logger } from 'pino';
import type { Clock } from '../services/follow-up.js';
import type { ArchiveStore } from '../store/ports.js';
import type { SearchReader } from '../store/search-reader.js';

/** What the HTTP layer needs, wired by the composition root (the `serve` command). */
export interface AppDeps {
  store: ArchiveStore;
  search: SearchReader;
  clock: Clock;
  /** Server-side log (stacks of unexpected errors go here, never to the browser). Default: silent. */
  logger?: Logger;
  /**
   * Mark cookies `Secure`: true always, false never, 'auto' (default) when the request came over https, directly
   * or, with `trustProxy`, as said by X-Forwarded-Proto.
   */
  secureCookies?: boolean | 'auto';
  /** Believe X-Forwarded-For/-Proto (only behind a reverse proxy that sets them). */
  trustProxy?: boolean;
}
