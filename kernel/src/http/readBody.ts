import type { IncomingMessage } from 'node:http';
import { PayloadTooLargeError } from '../errors/index.js';
import { rawHeader } from './rawHeaders.js';

const EMPTY = Buffer.alloc(0);

/** The request's content-length (0 when absent), or -1 when the body is chunked. */
export function declaredLength(request: IncomingMessage): number {
  const length = rawHeader(request.rawHeaders, 'content-length');
  if (length !== undefined) return Number(length);
  return rawHeader(request.rawHeaders, 'transfer-encoding') === undefined ? 0 : -1;
}

/**
 * Reads the whole body and calls `done` (once, except that a stream error after the end may
 * call it again: callers ignore a second call), refusing (413) as soon as it exceeds `limit`
 * bytes — before reading anything when `declared` (see {@link declaredLength}) already says so.
 * Callback style: no promise or extra microtask on the hot path.
 */
export function readBody(request: IncomingMessage, declared: number, limit: number, done: (error: Error | undefined, body: Buffer) => void): void {
  if (declared > limit) return done(tooLarge(limit), EMPTY);
  // Node emits 'request' as soon as the head is parsed, then parses the rest of the same chunk: a
  // small body is complete one tick later, and is taken from the buffer without listeners.
  process.nextTick(readBuffered, request, limit, done);
}

function readBuffered(request: IncomingMessage, limit: number, done: (error: Error | undefined, body: Buffer) => void): void {
  if (request.complete) {
    const body = (request.read() as Buffer | null) ?? EMPTY;
    return body.length > limit ? done(tooLarge(limit), EMPTY) : done(undefined, body);
  }
  readStreamed(request, limit, done);
}

function readStreamed(request: IncomingMessage, limit: number, done: (error: Error | undefined, body: Buffer) => void): void {
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
  // `on`, not `once`: each fires at most once here, and `once` wraps every listener.
  request.on('data', onData);
  request.on('end', onEnd);
  request.on('error', (error) => done(error, EMPTY));
}

function tooLarge(limit: number): PayloadTooLargeError {
  return new PayloadTooLargeError(`request body exceeds ${limit} bytes`, { details: { limit } });
}
