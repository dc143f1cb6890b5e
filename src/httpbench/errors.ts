import { KrepisError } from '../errors/index.js';

/** Errors of `krepis benchmark`. */
export function httpbenchError(code: `KREPIS_HTTPBENCH_${string}`, message: string, hint: string, cause?: unknown): KrepisError {
  return new KrepisError(code, message, { hint, kind: 'runtime', cause });
}
