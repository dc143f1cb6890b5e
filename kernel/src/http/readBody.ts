import type { IncomingMessage } from 'node:http';
import { PayloadTooLargeError } from '../errors/index.js';

const EMPTY = Buffer.alloc(0);

/** True when the request announces a body (content-length > 0 or chunked). */
export function hasBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length'];
  return (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined;
}

/**
 * Reads the whole body and calls `done` once, refusing (413) as soon as it exceeds `limit`
 * bytes — before reading anything when content-length already says so. Callback style: no
 * promise or extra microtask on the hot path.
 */
export function readBody(request: IncomingMessage, limit: number, done: (error: Error | undefined, body: Buffer) => void): void {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) return done(tooLarge(limit), EMPTY);
  const chunks: Buffer[] = [];
  let size = 0;
  const onData = (chunk: Buffer) => {
    size += chunk.length;
    if (size > limit) {
      request.off('data', onData);
      request.off('end', onEnd);
      request.resume();
      done(tooLarge(limit), EMPTY);
      return;
    }
    chunks.push(chunk);
  };
  const onEnd = () => done(undefined, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
  request.on('data', onData);
  request.once('end', onEnd);
  request.once('error', (error) => done(error, EMPTY));
}

function tooLarge(limit: number): PayloadTooLargeError {
  return new PayloadTooLargeError(`request body exceeds ${limit} bytes`, { details: { limit } });
}
