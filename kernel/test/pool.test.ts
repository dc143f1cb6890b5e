import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FairPool, TokenBucket } from '../src/index.js';

/** The order a fair single-slot pool must serve in: the first job at once, then strict turns. */
function roundRobin(jobsPerTenant: readonly number[]): string[] {
  const left = [...jobsPerTenant];
  const order = ['t0'];
  left[0]!--;
  const turns = left.map((_, index) => index).filter((index) => left[index]! > 0);
  while (turns.length > 0) {
    const tenant = turns.shift()!;
    order.push(`t${tenant}`);
    if (--left[tenant]! > 0) turns.push(tenant);
  }
  return order;
}

describe('FairPool', () => {
  it('never runs more than its size; a single slot goes round-robin across tenants (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constant(1), fc.integer({ min: 2, max: 4 })), fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 2, maxLength: 4 }), async (size, jobsPerTenant) => {
        const pool = new FairPool({ size, queueLimit: 1_000 });
        const order: string[] = [];
        let running = 0;
        let peak = 0;
        const gates: (() => void)[] = [];
        const all = jobsPerTenant.flatMap((jobs, tenantIndex) =>
          Array.from({ length: jobs }, () =>
            pool.run(`t${tenantIndex}`, async () => {
              running++;
              peak = Math.max(peak, running);
              order.push(`t${tenantIndex}`);
              await new Promise<void>((resolve) => gates.push(resolve));
              running--;
            }),
          ),
        );
        while (order.length < all.length) {
          await new Promise((resolve) => setImmediate(resolve));
          gates.splice(0).forEach((open) => open());
        }
        await Promise.all(all);
        expect(peak).toBeLessThanOrEqual(size);
        if (size === 1) expect(order).toEqual(roundRobin(jobsPerTenant));
      }),
      { numRuns: 40 },
    );
  });

  it('a tenant with one job is not starved by a tenant with a hundred', async () => {
    const pool = new FairPool({ size: 1, queueLimit: 1_000 });
    const order: string[] = [];
    const jobs = Array.from({ length: 100 }, () => pool.run('noisy', async () => void order.push('noisy')));
    const quiet = pool.run('quiet', async () => void order.push('quiet'));
    await Promise.all([...jobs, quiet]);
    expect(order.indexOf('quiet')).toBeLessThanOrEqual(2);
  });

  it('answers backpressure with 503 when full and 429 when one tenant queued too much', async () => {
    const pool = new FairPool({ size: 1, queueLimit: 2, perTenantQueue: 1 });
    const release = await pool.acquire('a');
    const queued = pool.acquire('a');
    await expect(pool.acquire('a')).rejects.toMatchObject({ status: 429 });
    const other = pool.acquire('b');
    await expect(pool.acquire('c')).rejects.toMatchObject({ status: 503, code: 'KREPIS_KERNEL_POOL_FULL' });
    release();
    (await queued)();
    (await other)();
    expect(pool.stats()).toEqual({ active: 0, queued: 0, size: 1 });
  });

  it('removes an aborted waiter from the queue', async () => {
    const pool = new FairPool({ size: 1 });
    const release = await pool.acquire('a');
    const controller = new AbortController();
    const waiting = pool.acquire('a', controller.signal);
    controller.abort(new Error('gave up'));
    await expect(waiting).rejects.toThrow('gave up');
    expect(pool.stats().queued).toBe(0);
    release();
  });
});

describe('TokenBucket', () => {
  it('allows the burst, then refills at the rate', () => {
    const bucket = new TokenBucket(2, 3);
    const t0 = 1_000_000;
    expect([bucket.take(t0), bucket.take(t0), bucket.take(t0), bucket.take(t0)]).toEqual([true, true, true, false]);
    expect(bucket.take(t0 + 499)).toBe(false);
    expect(bucket.take(t0 + 500)).toBe(true);
  });
});
