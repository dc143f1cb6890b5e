/**
 * What kind of failure an error is; the CLI maps it to an exit code.
 * - `usage`: the user's mistake (bad flag, bad config, missing file) → exit 2, no stack trace.
 * - `verification`: the code under check did not verify → exit 1.
 * - `runtime`: something outside the user's control failed (model crashed, server down) → exit 3.
 */
export type ErrorKind = 'usage' | 'verification' | 'runtime';

export interface KrepisErrorOptions {
  /** One line that tells the user what to do next. */
  hint?: string;
  kind?: ErrorKind;
  cause?: unknown;
  /** Structured details for `--json` output. */
  details?: Record<string, unknown>;
}

/**
 * The base of every expected Krepis error: a stable `code` (`KREPIS_…`), a one-line `hint`,
 * and the `kind` that decides the exit code.
 */
export class KrepisError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  readonly kind: ErrorKind;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: string, message: string, options: KrepisErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'KrepisError';
    this.code = code;
    this.hint = options.hint;
    this.kind = options.kind ?? 'runtime';
    this.details = options.details;
  }

  toJSON(): Record<string, unknown> {
    return { code: this.code, message: this.message, hint: this.hint, kind: this.kind, ...(this.details ? { details: this.details } : {}) };
  }
}

export const isKrepisError = (value: unknown): value is KrepisError => value instanceof KrepisError;

/** Exit codes, documented in the README. */
export const ExitCode = { ok: 0, verificationFailed: 1, usage: 2, runtime: 3 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export function exitCodeFor(error: unknown): ExitCode {
  if (!isKrepisError(error)) return ExitCode.runtime;
  switch (error.kind) {
    case 'usage':
      return ExitCode.usage;
    case 'verification':
      return ExitCode.verificationFailed;
    case 'runtime':
      return ExitCode.runtime;
    default:
      return error.kind satisfies never;
  }
}
