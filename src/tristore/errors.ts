import { KrepisError, type KrepisErrorOptions } from '../errors/index.js';

/** Stable codes of the Tri-Store's expected failures. */
export const TriStoreErrorCode = {
  storeUnavailable: 'KREPIS_TRISTORE_STORE_UNAVAILABLE',
  graphUnreachable: 'KREPIS_TRISTORE_GRAPH_UNREACHABLE',
  vectorsUnreachable: 'KREPIS_TRISTORE_VECTORS_UNREACHABLE',
  notADirectory: 'KREPIS_TRISTORE_NOT_A_DIRECTORY',
  symbolNotFound: 'KREPIS_TRISTORE_SYMBOL_NOT_FOUND',
  aborted: 'KREPIS_TRISTORE_ABORTED',
  closed: 'KREPIS_TRISTORE_CLOSED',
  noRuntime: 'KREPIS_TRISTORE_NO_RUNTIME',
} as const;

export type TriStoreErrorCode = (typeof TriStoreErrorCode)[keyof typeof TriStoreErrorCode];

/** An expected Tri-Store failure (unreachable server, missing symbol, bad root). */
export class TriStoreError extends KrepisError {
  constructor(code: TriStoreErrorCode, message: string, options: KrepisErrorOptions = {}) {
    super(code, message, options);
    this.name = 'TriStoreError';
  }
}

/** Throws a `KREPIS_TRISTORE_ABORTED` error when `signal` has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    throw new TriStoreError(TriStoreErrorCode.aborted, 'indexing was cancelled', { kind: 'runtime', hint: 'Run `krepis index` again: it resumes where it stopped.' });
  }
}
