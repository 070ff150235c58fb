/**
 * A parser thread of `createParsePool`: parses the files it is sent and answers with the result or the error, so
 * the importing thread only writes. Runs the real pipeline; it exists only in the build (dist/), as the pool needs
 * JavaScript to start a thread.
 */
import { parentPort } from 'node:worker_threads';
import { isAppError } from '../domain/errors.js';
import { parseProtocol } from '../ingest/pipeline.js';
import type { ParseReply, ParseRequest } from './parse-pool.js';

const port = parentPort;
if (!port) throw new Error('parse-worker runs as a worker thread');

port.on('message', async (request: ParseRequest) => {
  let reply: ParseReply;
  try {
    reply = { id: request.id, result: await parseProtocol({ bytes: request.bytes, name: request.name }) };
  } catch (error) {
    reply = {
      id: request.id,
      error: {
        message: error instanceof Error ? error.message : String(error),
        code: isAppError(error) ? error.code : null,
        details: isAppError(error) ? error.details : {},
      },
    };
  }
  port.postMessage(reply);
});
