import type { Net, NetResponse } from '../ports/index.js';

/**
 * The production {@link Net}: the global `fetch` (undici), body read fully.
 *
 * @example
 * ```ts
 * const net = fetchNet();
 * const response = await net.fetch({ url: 'http://localhost:8080/health' });
 * ```
 */
export function fetchNet(): Net {
  return {
    async fetch(request): Promise<NetResponse> {
      const response = await fetch(request.url, {
        method: request.method ?? 'GET',
        headers: request.headers,
        body: request.body,
        signal: request.signal,
      });
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        headers[name] = value;
      });
      return { status: response.status, headers, body: new Uint8Array(await response.arrayBuffer()) };
    },
  };
}
