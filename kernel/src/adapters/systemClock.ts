import type { Clock, TimerHandle } from '../ports/index.js';

/**
 * The production {@link Clock}: real wall-clock time and Node timers. The one place in the
 * kernel allowed to touch `Date.now` and `setTimeout`.
 *
 * @example
 * ```ts
 * const clock = systemClock();
 * await clock.sleep(10);
 * ```
 */
export function systemClock(): Clock {
  const timers = new Map<number, NodeJS.Timeout>();
  let nextId = 1;
  return {
    now: () => Date.now(),
    sleep(ms, signal) {
      return new Promise((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const timer = setTimeout(() => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        }, ms);
        const onAbort = () => {
          clearTimeout(timer);
          reject(signal?.reason);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
    setTimer(ms, callback): TimerHandle {
      const id = nextId++;
      const timer = setTimeout(() => {
        timers.delete(id);
        callback();
      }, ms);
      timer.unref?.();
      timers.set(id, timer);
      return { id };
    },
    clearTimer(handle) {
      clearTimeout(timers.get(handle.id));
      timers.delete(handle.id);
    },
  };
}
