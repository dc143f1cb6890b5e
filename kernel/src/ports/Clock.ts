/** Opaque handle for a timer started through {@link Clock.setTimer}. */
export interface TimerHandle {
  /** Unique per clock; only meaningful to the clock that issued it. */
  readonly id: number;
}

/**
 * Time, the only way kernel and app code may read the time or wait. Production uses
 * `systemClock()`; the twin substitutes a virtual clock so a run can be replayed bit for bit.
 *
 * @example
 * ```ts
 * const started = clock.now();
 * await clock.sleep(50);
 * const handle = clock.setTimer(1_000, () => logger.warn('slow request'));
 * clock.clearTimer(handle);
 * logger.info('took', { ms: clock.now() - started });
 * ```
 */
export interface Clock {
  /** Wall-clock time in milliseconds since the Unix epoch (may have sub-millisecond fraction). */
  now(): number;
  /**
   * Resolves after `ms` milliseconds of this clock's time. Rejects with the signal's reason when
   * `signal` aborts first (the pending timer is cleared).
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Calls `callback` once after `ms` milliseconds; cancel with {@link Clock.clearTimer}. */
  setTimer(ms: number, callback: () => void): TimerHandle;
  /** Cancels a pending timer; a no-op for one that already fired or was cleared. */
  clearTimer(handle: TimerHandle): void;
}
