import { FairPool, TenantStore } from '@krepis/kernel';
import type { Plugin } from '../runtime.js';
import { __name__Service } from '../services/__kebab__.js';

/** Polls the queue every 250 ms; tenants share 4 worker slots fairly (FairPool). */
export const __name__Worker: Plugin = ({ ports, scheduler }) => {
  const queue = __name__Service.create(ports);
  const pool = new FairPool({ size: 4, perTenant: 1 });
  scheduler.every('__kebab__-worker', 250, async () => {
    const tenants = await queue.tenants();
    await Promise.all(tenants.map((tenant) => pool.run(tenant, () => queue.drain(new TenantStore(ports.storage, tenant)))));
  });
};
