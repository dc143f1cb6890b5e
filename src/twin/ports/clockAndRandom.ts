import type { Clock, Random, TimerHandle } from '@krepis/kernel';
import { deriveSeed, Prng } from '../engine/prng.js';
import type { Run } from '../engine/Run.js';
import type { Task } from '../engine/Task.js';

/** VirtualClock: time moves only when every task is blocked or asleep (time warp). */
export function createVirtualClock(run: Run): Clock {
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
    setTimer(ms, callback): TimerHandle {
      const id = nextTimer++;
      const task = run.spawnTask(`timer#${id}`, 'timer', () => {
        timers.delete(id);
        return callback();
      }, run.now + Math.max(0, ms));
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
