import { defineService, NotFoundError, TenantStore, type Ports } from '@krepis/kernel';

/** A queued job and what became of it. */
export interface __Name__Job {
  readonly id: string;
  readonly payload: Record<string, unknown>;
  readonly status: 'queued' | 'running' | 'done' | 'failed';
  readonly attempts: number;
  readonly result?: unknown;
  readonly error?: string;
  readonly createdAt: number;
}

const MAX_ATTEMPTS = 3;
const jobKey = (id: string) => `__kebab__/jobs/${id}`;

/** The work a job does. Replace with yours; throw to fail the attempt (retried up to 3 times). */
export async function perform__Name__(job: __Name__Job, ports: Ports): Promise<unknown> {
  if (job.payload.fail === true) throw new Error('the payload asked to fail');
  return { handled: job.payload, at: ports.clock.now() };
}

/** Queue operations; a job is claimed with compare-and-set, so two workers never run it twice. */
export const __name__Service = defineService('__name__', (ports) => ({
  async enqueue(store: TenantStore, payload: Record<string, unknown>): Promise<__Name__Job> {
    const now = ports.clock.now();
    const job: __Name__Job = { id: `${now.toString(36).padStart(10, '0')}-${Buffer.from(ports.random.bytes(4)).toString('hex')}`, payload, status: 'queued', attempts: 0, createdAt: now };
    await store.put(jobKey(job.id), job, { ifVersion: 0 });
    await new TenantStore(ports.storage, 'system').put(`__kebab__/tenants/${store.tenant}`, true);
    return job;
  },
  async get(store: TenantStore, id: string): Promise<__Name__Job> {
    const doc = await store.get<__Name__Job>(jobKey(id));
    if (!doc) throw new NotFoundError(`job ${id} not found`);
    return doc.value;
  },
  /** Runs every queued job of the tenant once; returns how many it ran. */
  async drain(store: TenantStore): Promise<number> {
    let ran = 0;
    for (const doc of await store.list<__Name__Job>({ prefix: '__kebab__/jobs/' })) {
      if (doc.value.status !== 'queued') continue;
      const running = { ...doc.value, status: 'running' as const, attempts: doc.value.attempts + 1 };
      const claimed = await store.put(doc.key, running, { ifVersion: doc.version });
      if (!claimed.ok) continue;
      ran++;
      try {
        await store.put(doc.key, { ...running, status: 'done', result: await perform__Name__(running, ports) });
      } catch (error) {
        await store.put(doc.key, { ...running, status: running.attempts >= MAX_ATTEMPTS ? 'failed' : 'queued', error: (error as Error).message });
      }
    }
    return ran;
  },
  /** Tenants that ever enqueued a job. */
  async tenants(): Promise<string[]> {
    return (await new TenantStore(ports.storage, 'system').list({ prefix: '__kebab__/tenants/' })).map((doc) => doc.key.slice('__kebab__/tenants/'.length));
  },
}));
