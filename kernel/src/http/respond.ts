import type { ServerResponse } from 'node:http';
import { isReply } from '../app/index.js';
import { isKernelError } from '../errors/index.js';
import type { Logger } from '../ports/index.js';

const JSON_TYPE = 'application/json; charset=utf-8';

/** Sends a handler's result: a `reply(...)`, `undefined` (204) or a JSON value. */
export function sendResult(response: ServerResponse, result: unknown, status: number): void {
  if (response.headersSent || response.writableEnded) return;
  if (isReply(result)) {
    for (const name in result.headers) response.setHeader(name, result.headers[name]!);
    return sendBody(response, result.status, result.body);
  }
  if (result === undefined) {
    response.statusCode = 204;
    response.end();
    return;
  }
  writeJson(response, status, JSON.stringify(result));
}

/**
 * Writes a JSON payload through `writeHead` with a header object: when nothing was set before,
 * Node serialises that object straight into the head instead of first building its own
 * header map (`setHeader`), which is the cheaper path.
 */
function writeJson(response: ServerResponse, status: number, payload: string): void {
  response.writeHead(status, { 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(payload) });
  response.end(payload);
}

function sendBody(response: ServerResponse, status: number, body: unknown): void {
  response.statusCode = status;
  if (body === undefined) return void response.end();
  if (typeof body === 'string' || body instanceof Uint8Array) {
    if (!response.hasHeader('content-type')) response.setHeader('content-type', typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/octet-stream');
    return void response.end(body);
  }
  response.setHeader('content-type', JSON_TYPE);
  response.end(JSON.stringify(body));
}

/** Sends `{ error: { code, message, details } }` with the error's status; unknown errors are 500 and not leaked. */
export function sendError(response: ServerResponse, error: unknown, log: Logger): void {
  if (response.headersSent || response.writableEnded) {
    response.destroy();
    return;
  }
  if (isKernelError(error)) {
    if (error.status >= 500) log.error(error.message, { code: error.code, cause: error.cause });
    if (error.status === 413) response.setHeader('connection', 'close');
    const retryAfterMs = error.details?.retryAfterMs;
    if (error.status === 429 && typeof retryAfterMs === 'number') response.setHeader('retry-after', String(Math.max(1, Math.ceil(retryAfterMs / 1000))));
    const details = error.status < 500 ? error.details : undefined;
    return sendJson(response, error.status, { error: { code: error.code, message: error.message, ...(error.hint && { hint: error.hint }), ...(details && { details }) } });
  }
  log.error('unhandled error in route handler', { error });
  sendJson(response, 500, { error: { code: 'KREPIS_KERNEL_INTERNAL', message: 'internal server error' } });
}

/** Sends a JSON body with `status`. */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  writeJson(response, status, JSON.stringify(body));
}
