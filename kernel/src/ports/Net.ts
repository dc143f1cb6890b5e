/** An outbound HTTP request. */
export interface NetRequest {
  readonly url: string;
  /** Default `"GET"`. */
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
  /** Aborts the request (rejecting with the signal's reason). */
  readonly signal?: AbortSignal;
}

/** The response to a {@link NetRequest}, fully read. Header names are lower-case. */
export interface NetResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
}

/**
 * Outbound network access. Kernel and app code never call `fetch` directly, so the twin can
 * script responses, delays and failures.
 *
 * @example
 * ```ts
 * const response = await net.fetch({
 *   url: 'https://hooks.example.com/notify',
 *   method: 'POST',
 *   headers: { 'content-type': 'application/json' },
 *   body: JSON.stringify({ event: 'order.created' }),
 *   signal: AbortSignal.timeout(2_000),
 * });
 * if (response.status >= 400) logger.warn('webhook refused', { status: response.status });
 * ```
 */
export interface Net {
  /** Sends the request; rejects only on network failure or abort (HTTP errors are responses). */
  fetch(request: NetRequest): Promise<NetResponse>;
}
