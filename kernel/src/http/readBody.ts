import type { IncomingMessage } from 'node:http';
import { PayloadTooLargeError } from '../errors/index.js';

const EMPTY = new Uint8Array(0);

/** True when the request announces a body (content-length > 0 or chunked). */
export function hasBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length'];
  return (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined;
}

/**
 * Reads the whole body, refusing (413) as soon as it exceeds `limit` bytes — before reading
 * anything when content-length already says so.
 */
export function readBody(request: IncomingMessage, limit: number): Promise<Uint8Array> {
  if (!hasBody(request)) return Promise.resolve(EMPTY);
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.off('data', onData);
        request.resume();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    request.once('error', reject);
  });
}

function tooLarge(limit: number): PayloadTooLargeError {
  return new PayloadTooLargeError(`request body exceeds ${limit} bytes`, { details: { limit } });
}
