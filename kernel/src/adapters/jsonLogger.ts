import type { Clock, LogFields, Logger, LogLevel } from '../ports/index.js';

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Options for {@link jsonLogger}. */
export interface JsonLoggerOptions {
  /** Lowest level written. Default `"info"`. */
  readonly level?: LogLevel;
  /** Where lines go. Default: `process.stderr`. */
  readonly write?: (line: string) => void;
  /** Time source for the `time` field. Default: none (no `time` field). */
  readonly clock?: Clock;
}

/**
 * The production {@link Logger}: one JSON object per line (`level`, `msg`, `time`, fields).
 *
 * @example
 * ```ts
 * const logger = jsonLogger({ level: 'debug', clock });
 * logger.child({ tenant: 'acme' }).info('started', { port: 8080 });
 * ```
 */
export function jsonLogger(options: JsonLoggerOptions = {}, bound: LogFields = {}): Logger {
  const threshold = LEVELS[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  const emit = (level: LogLevel, msg: string, fields?: LogFields) => {
    if (LEVELS[level] < threshold) return;
    const time = options.clock ? { time: new Date(options.clock.now()).toISOString() } : {};
    write(`${JSON.stringify({ level, msg, ...time, ...bound, ...fields }, errorReplacer)}\n`);
  };
  return {
    debug: (msg, fields) => emit('debug', msg, fields),
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, fields) => emit('error', msg, fields),
    child: (fields) => jsonLogger(options, { ...bound, ...fields }),
  };
}

function errorReplacer(_key: string, value: unknown): unknown {
  return value instanceof Error ? { name: value.name, message: value.message } : value;
}
