import type { LockLease, Locks } from '../ports/index.js';

interface LockState {
  held: boolean;
  readonly waiters: (() => void)[];
}

/**
 * In-process {@link Locks}: FIFO waiters per name. Production default for a single process.
 *
 * @example
 * ```ts
 * const locks = new MemoryLocks();
 * const lease = await locks.acquire('acme/report');
 * try { await build(); } finally { await lease.release(); }
 * ```
 */
export class MemoryLocks implements Locks {
  private readonly states = new Map<string, LockState>();

  acquire(name: string, options: { readonly signal?: AbortSignal } = {}): Promise<LockLease> {
    const state = this.state(name);
    if (!state.held) {
      state.held = true;
      return Promise.resolve(this.lease(name));
    }
    const signal = options.signal;
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve(this.lease(name));
      };
      const onAbort = () => {
        const index = state.waiters.indexOf(grant);
        if (index >= 0) state.waiters.splice(index, 1);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      state.waiters.push(grant);
    });
  }

  async tryAcquire(name: string): Promise<LockLease | undefined> {
    const state = this.state(name);
    if (state.held) return undefined;
    state.held = true;
    return this.lease(name);
  }

  private state(name: string): LockState {
    let state = this.states.get(name);
    if (!state) this.states.set(name, (state = { held: false, waiters: [] }));
    return state;
  }

  private lease(name: string): LockLease {
    let released = false;
    return {
      name,
      release: async () => {
        if (released) return;
        released = true;
        const state = this.state(name);
        const next = state.waiters.shift();
        if (next) next();
        else {
          state.held = false;
          this.states.delete(name);
        }
      },
    };
  }
}
