/** Severity of a log line, lowest first. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Structured fields attached to a log line (JSON-serialisable values). */
export type LogFields = Readonly<Record<string, unknown>>;

/**
 * Structured logging. Production writes JSON lines; the twin records lines in its trace.
 *
 * @example
 * ```ts
 * const log = logger.child({ tenant: 'acme', requestId });
 * log.info('order created', { orderId: 7 });
 * log.error('payment failed', { reason: 'card declined' });
 * ```
 */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line it writes. */
  child(fields: LogFields): Logger;
}
