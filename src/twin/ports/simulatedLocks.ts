import type { LockLease, Locks } from '@krepis/kernel';
import type { Run } from '../engine/Run.js';
import type { Task } from '../engine/Task.js';

interface LockState {
  holder: Task | undefined;
  readonly queue: Task[];
  releasedBy: ReadonlyMap<number, number> | undefined;
}

/** FIFO named locks; lock edges feed the wait-for graph and happens-before (release → acquire). */
export function createSimulatedLocks(run: Run): Locks & { reset(): void } {
  const locks = new Map<string, LockState>();
  const stateOf = (name: string) => {
    let state = locks.get(name);
    if (!state) locks.set(name, (state = { holder: undefined, queue: [], releasedBy: undefined }));
    return state;
  };
  const loc = (name: string) => ({ loc: `lock:${name}`, write: true });

  const lease = (name: string, state: LockState, owner: Task): LockLease => {
    let released = false;
    return {
      name,
      release: () => {
        if (released) return Promise.resolve();
        released = true;
        return run.issue(`unlock ${name}`, [loc(name)], () => {
          if (state.holder !== owner) return;
          state.holder = undefined;
          state.releasedBy = new Map(run.current?.vc ?? []);
          run.access(`lock:${name}`, true, 'free');
        });
      },
    };
  };

  const take = (name: string, state: LockState, task: Task): LockLease => {
    state.holder = task;
    const index = state.queue.indexOf(task);
    if (index >= 0) state.queue.splice(index, 1);
    if (state.releasedBy) task.absorb(state.releasedBy);
    run.access(`lock:${name}`, true, `held:${task.id}`);
    return lease(name, state, task);
  };

  return {
    acquire(name, options) {
      const task = run.current;
      const state = stateOf(name);
      if (!task) return Promise.reject(new Error(`locks.acquire("${name}") called outside any task`));
      state.queue.push(task);
      // Joining the queue decides who gets the lock first: a write to the lock, for DPOR and races.
      run.access(`lock:${name}`, true, `queued:${task.id}`, true);
      const signal = options?.signal;
      return run.issue(`lock ${name}`, [loc(name)], () => {
        if (signal?.aborted) {
          state.queue.splice(state.queue.indexOf(task), 1);
          throw signal.reason;
        }
        return take(name, state, task);
      }, {
        waitingFor: () => {
          if (signal?.aborted) return undefined;
          if (state.holder) return { kind: 'lock', name, holder: state.holder };
          return state.queue[0] === task ? undefined : { kind: 'lock', name, holder: state.queue[0] };
        },
      });
    },
    tryAcquire(name) {
      const task = run.current;
      const state = stateOf(name);
      return run.issue(`tryLock ${name}`, [loc(name)], () => (task && !state.holder && state.queue.length === 0 ? take(name, state, task) : undefined));
    },
    reset: () => locks.clear(),
  };
}
