import { KrepisError } from '../errors/index.js';

/** Errors of `krepis init` / `krepis generate` (all the user's to fix: exit 2). */
export function scaffoldError(code: `KREPIS_SCAFFOLD_${string}`, message: string, hint: string, details?: Record<string, unknown>): KrepisError {
  return new KrepisError(code, message, { hint, kind: 'usage', details });
}
