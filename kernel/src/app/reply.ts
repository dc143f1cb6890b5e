const REPLY = Symbol.for('krepis.reply');

/** A handler's explicit answer: status, body and headers. */
export interface Reply {
  readonly [REPLY]: true;
  readonly status: number;
  /** JSON-serialised unless it is a string or bytes (sent as is). */
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Builds an explicit response. Handlers may instead return any JSON value (→ 200, or the
 * route's `status`) or `undefined` (→ 204).
 *
 * @example
 * ```ts
 * return reply(201, todo, { location: `/todos/${todo.id}` });
 * return reply(200, 'ok\n', { 'content-type': 'text/plain' });
 * ```
 */
export function reply(status: number, body?: unknown, headers: Readonly<Record<string, string>> = {}): Reply {
  return { [REPLY]: true, status, body, headers };
}

/**
 * True when `value` was made by {@link reply}.
 * @example
 * ```ts
 * if (isReply(result)) response.statusCode = result.status;
 * ```
 */
export function isReply(value: unknown): value is Reply {
  return typeof value === 'object' && value !== null && (value as Partial<Reply>)[REPLY] === true;
}
