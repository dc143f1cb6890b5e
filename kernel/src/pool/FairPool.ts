import { ServiceUnavailableError, TooManyRequestsError } from '../errors/index.js';
import type { TenantId } from '../ports/index.js';

/** Options for {@link FairPool}. */
export interface FairPoolOptions {
  /** Slots that may run at once across all tenants (workers, connections). */
  readonly size: number;
  /** Waiters queued across all tenants before new ones get 503. Default `size * 4`. */
  readonly queueLimit?: number;
  /** Slots one tenant may hold at once; beyond that its waiters queue. Default `size`. */
  readonly perTenant?: number;
  /** Waiters one tenant may queue before it gets 429. Default `queueLimit`. */
  readonly perTenantQueue?: number;
}

/** Counters of a {@link FairPool}, for health and metrics. */
export interface PoolStats {
  readonly active: number;
  readonly queued: number;
  readonly size: number;
}

interface Waiter {
  readonly grant: () => void;
  readonly refuse: (error: unknown) => void;
}

/**
 * A bounded pool with fair queuing: free slots go round-robin to the tenants that are waiting,
 * so a tenant with 1,000 queued jobs cannot starve one with a single job. When the queue is
 * full, `acquire` rejects at once (backpressure): 503 when the whole pool is saturated, 429 when
 * one tenant exceeded its own share. Pure: no clock, no I/O.
 *
 * @example
 * ```ts
 * const pool = new FairPool({ size: 8, perTenant: 4 });
 * const report = await pool.run('acme', () => buildReport(tenant));
 * ```
 */
export class FairPool {
  readonly size: number;
  private readonly queueLimit: number;
  private readonly perTenant: number;
  private readonly perTenantQueue: number;
  private readonly activeByTenant = new Map<TenantId, number>();
  private readonly queues = new Map<TenantId, Waiter[]>();
  private active = 0;
  private queued = 0;

  constructor(options: FairPoolOptions) {
    this.size = Math.max(1, options.size);
    this.queueLimit = options.queueLimit ?? this.size * 4;
    this.perTenant = Math.max(1, options.perTenant ?? this.size);
    this.perTenantQueue = options.perTenantQueue ?? this.queueLimit;
  }

  /** Waits for a slot for `tenant`; resolves with the function that gives it back (call once). */
  acquire(tenant: TenantId, signal?: AbortSignal): Promise<() => void> {
    if (this.canRun(tenant)) return Promise.resolve(this.take(tenant));
    const queue = this.queues.get(tenant) ?? [];
    if (this.queued >= this.queueLimit) return Promise.reject(new ServiceUnavailableError('server busy: pool queue is full', { hint: 'retry later' }, 'KREPIS_KERNEL_POOL_FULL'));
    if (queue.length >= this.perTenantQueue) return Promise.reject(new TooManyRequestsError(`tenant ${tenant} has too many queued jobs`));
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(this.take(tenant));
        },
        refuse: reject,
      };
      const onAbort = () => this.removeWaiter(tenant, waiter, signal?.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      queue.push(waiter);
      this.queues.set(tenant, queue);
      this.queued++;
    });
  }

  /** Runs `task` inside a slot for `tenant` and gives the slot back however it ends. */
  async run<T>(tenant: TenantId, task: () => Promise<T> | T, signal?: AbortSignal): Promise<T> {
    const release = await this.acquire(tenant, signal);
    try {
      return await task();
    } finally {
      release();
    }
  }

  stats(): PoolStats {
    return { active: this.active, queued: this.queued, size: this.size };
  }

  private canRun(tenant: TenantId): boolean {
    return this.active < this.size && (this.activeByTenant.get(tenant) ?? 0) < this.perTenant && !this.queues.has(tenant);
  }

  private take(tenant: TenantId): () => void {
    this.active++;
    this.activeByTenant.set(tenant, (this.activeByTenant.get(tenant) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      const left = (this.activeByTenant.get(tenant) ?? 1) - 1;
      if (left === 0) this.activeByTenant.delete(tenant);
      else this.activeByTenant.set(tenant, left);
      this.dispatch();
    };
  }

  /** Grants free slots to waiting tenants in round-robin order (Map order, rotated). */
  private dispatch(): void {
    let progressed = true;
    while (this.active < this.size && this.queued > 0 && progressed) {
      progressed = false;
      for (const [tenant, queue] of this.queues) {
        if (this.active >= this.size) break;
        if ((this.activeByTenant.get(tenant) ?? 0) >= this.perTenant) continue;
        const waiter = queue.shift();
        if (!waiter) continue;
        this.queued--;
        this.queues.delete(tenant); // re-inserted at the end: the next turn goes to the others
        if (queue.length > 0) this.queues.set(tenant, queue);
        waiter.grant();
        progressed = true;
      }
    }
  }

  private removeWaiter(tenant: TenantId, waiter: Waiter, reason: unknown): void {
    const queue = this.queues.get(tenant);
    const index = queue?.indexOf(waiter) ?? -1;
    if (!queue || index < 0) return;
    queue.splice(index, 1);
    this.queued--;
    if (queue.length === 0) this.queues.delete(tenant);
    waiter.refuse(reason);
  }
}
