/** A held lock; release it exactly once (further calls are no-ops). */
export interface LockLease {
  readonly name: string;
  release(): Promise<void>;
}

/**
 * Named mutual-exclusion locks (one holder per name, waiters served first come, first served).
 *
 * @example
 * ```ts
 * const lease = await locks.acquire(`acme/invoice/${id}`, { signal: AbortSignal.timeout(5_000) });
 * try {
 *   await chargeOnce(id);
 * } finally {
 *   await lease.release();
 * }
 * ```
 */
export interface Locks {
  /**
   * Waits until `name` is free and takes it. Rejects with the signal's reason if `signal`
   * aborts first (the waiter is removed from the queue).
   */
  acquire(name: string, options?: { readonly signal?: AbortSignal }): Promise<LockLease>;
  /** Takes `name` if it is free right now; otherwise `undefined`. */
  tryAcquire(name: string): Promise<LockLease | undefined>;
}
