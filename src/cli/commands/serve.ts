import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import type { Command } from 'commander';
import pino, { type Logger } from 'pino';
import { AppError } from '../../domain/errors.js';
import { createApp } from '../../http/app.js';
import { type Clock, systemClock } from '../../services/follow-up.js';
import { importArchive } from '../../services/import-archive.js';
import { openSqliteStore } from '../../store/sqlite/open-sqlite-store.js';
import { SqliteSearchIndex } from '../../store/sqlite/search-index.js';
import { APP_MIGRATIONS, resolveDbPath, withDbOption } from '../open-archive.js';

/** The bundled example protocols, found relative to the installed package. */
export const EXAMPLES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'examples');
export const DEFAULT_PORT = 3000;
export const DEFAULT_HOST = 'localhost';

export interface ServeOptions {
  db?: string;
  port?: number;
  host?: string;
  /** Imported when the archive is empty. */
  examplesDir?: string;
  logger?: Logger;
  clock?: Clock;
}

export interface RunningServer {
  url: string;
  /** Stops accepting requests, lets open ones finish, closes the archive. */
  close(): Promise<void>;
}

/**
 * Opens (creating and migrating) the archive, imports the bundled examples into an empty one, and serves the web
 * pages and the API. Port 0 picks a free port (tests).
 */
export async function startServer(options: ServeOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? pino({ level: process.env.LOG_LEVEL ?? 'info' }, pino.destination(2));
  const search = new SqliteSearchIndex();
  const store = await openSqliteStore({
    path: resolveDbPath(options.db),
    migrations: APP_MIGRATIONS,
    searchIndexer: search,
  });
  try {
    const empty = (await store.read((s) => s.meetings.list())).length === 0;
    if (empty) {
      const summary = await importArchive(store, [options.examplesDir ?? EXAMPLES_DIR], { actor: 'serve' });
      logger.info({ imported: summary.imported.length, failed: summary.failed.length }, 'examples imported');
    }
  } catch (error) {
    await store.close();
    throw error;
  }
  const app = createApp({ store, search, clock: options.clock ?? systemClock, logger });
  const host = options.host ?? DEFAULT_HOST;
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? DEFAULT_PORT, hostname: host }, () => resolve(s));
    s.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new AppError('conflict', `Port ${options.port ?? DEFAULT_PORT} is in use; choose another with --port.`)
          : error,
      );
    });
  }).catch(async (error) => {
    await store.close();
    throw error;
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${port}`,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections would hold close() open; idle ones can go now.
        if ('closeIdleConnections' in server) server.closeIdleConnections();
      }).then(() => store.close());
      return closing;
    },
  };
}

/** Serves until Ctrl-C or SIGTERM, then shuts down cleanly. */
export async function serveUntilStopped(options: ServeOptions): Promise<void> {
  const running = await startServer(options);
  process.stdout.write(`protokoll: ${running.url}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      running.close().then(resolve, resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

function portNumber(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new AppError('invalid-input', `--port måste vara ett heltal 0–65535 (fick ${value}).`);
  }
  return port;
}

/** `protokoll serve [--db FILE] [--port N] [--host H]`. */
export function registerServe(program: Command): void {
  withDbOption(
    program
      .command('serve')
      .description('Starta webbgränssnittet och API:t (importerar exempelprotokollen i ett tomt arkiv)')
      .option('--port <n>', `port (standard ${DEFAULT_PORT})`, portNumber)
      .option('--host <host>', `adress att lyssna på (standard ${DEFAULT_HOST})`),
  ).action((options: { db?: string; port?: number; host?: string }) => serveUntilStopped(options));
}
