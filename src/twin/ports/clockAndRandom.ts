import type { Clock, Random, TimerHandle } from '@krepis/kernel';
import { deriveSeed, Prng } from '../engine/prng.js';
import type { Run } from '../engine/Run.js';
import type { Task } from '../engine/Task.js';

/** The twin's clock: a kernel {@link Clock} whose timers can be marked as background beats. */
export interface VirtualClock extends Clock {
  /** `repeating`: one beat of a series that never ends by itself (the virtual `setInterval`). */
  setTimer(ms: number, callback: () => void, options?: { readonly repeating?: boolean }): TimerHandle;
}

/** Timers armed by setup or recovery, by background timers, and `setInterval` beats run in the background. */
const isBackground = (armedBy: Task | undefined, repeating: boolean): boolean =>
  repeating || !armedBy || armedBy.kind === 'setup' || armedBy.kind === 'recover' || armedBy.background;

/**
 * VirtualClock: time moves only when every task is blocked or asleep (time warp). Background
 * timers (see {@link Task.background}) fire while actors run; once every actor is done, the ones
 * still pending are stopped instead of firing forever.
 */
export function createVirtualClock(run: Run): VirtualClock {
  const timers = new Map<number, Task>();
  let nextTimer = 1;
  return {
    now: () => run.now + (run.faults.active && run.current ? run.faults.skew(run.current.id) : 0),
    sleep(ms, signal) {
      if (signal?.aborted) return Promise.reject(signal.reason as Error);
      return run.issue(`sleep ${ms}ms`, [], () => {
        if (signal?.aborted) throw signal.reason;
        run.noteRetry();
      }, { readyAt: run.now + Math.max(0, ms) });
    },
    setTimer(ms, callback, options = {}): TimerHandle {
      const id = nextTimer++;
      const armedBy = run.current;
      const task = run.spawnTask(`timer#${id}`, 'timer', () => {
        timers.delete(id);
        return callback();
      }, run.now + Math.max(0, ms));
      task.background = isBackground(armedBy, options.repeating === true);
      timers.set(id, task);
      return { id };
    },
    clearTimer(handle) {
      const task = timers.get(handle.id);
      if (!task) return;
      timers.delete(handle.id);
      task.ops.length = 0;
      task.status = 'completed';
    },
  };
}

/** Seeded randomness with one stream per task, so independent tasks stay independent. */
export function createSeededRandom(run: Run): Random {
  const streams = new Map<number, Prng>();
  const stream = () => {
    const id = run.current?.id ?? -1;
    let prng = streams.get(id);
    if (!prng) streams.set(id, (prng = new Prng(deriveSeed(run.options.seed, 5, id))));
    return prng;
  };
  return {
    next: () => stream().float(),
    bytes(length) {
      const prng = stream();
      return Uint8Array.from({ length }, () => prng.int(0, 255));
    },
  };
}
