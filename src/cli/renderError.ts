import { isKrepisError } from '../errors/index.js';
import type { Output } from './Output.js';

/** Prints an error: one line plus what to do next; a stack trace only with `--verbose` or for bugs. */
export function renderError(out: Output, error: unknown): void {
  const c = out.colors;
  if (out.json) {
    const payload = isKrepisError(error)
      ? error.toJSON()
      : { code: 'KREPIS_INTERNAL', message: (error as Error)?.message ?? String(error), kind: 'runtime' };
    out.stdout.write(`${JSON.stringify({ ok: false, error: payload }, null, 2)}\n`);
  }
  if (isKrepisError(error)) {
    out.stderr.write(`${c.red('error')} ${c.dim(`[${error.code}]`)} ${error.message}\n`);
    if (error.hint) out.stderr.write(`  ${c.cyan('→')} ${error.hint}\n`);
    if (out.verbose && error.stack) out.stderr.write(`${c.dim(error.stack)}\n`);
    if (out.verbose && error.cause instanceof Error && error.cause.stack) out.stderr.write(`${c.dim(`cause: ${error.cause.stack}`)}\n`);
    return;
  }
  // Not a KrepisError: a bug in Krepis, so the stack trace is useful to report.
  const err = error instanceof Error ? error : new Error(String(error));
  out.stderr.write(`${c.red('internal error')} ${c.dim('[KREPIS_INTERNAL]')} ${err.message}\n`);
  out.stderr.write(`  ${c.cyan('→')} This is a bug in Krepis; please report it with the trace below.\n`);
  out.stderr.write(`${c.dim(err.stack ?? '')}\n`);
}
