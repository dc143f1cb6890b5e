import { defineService, type TenantStore } from '@krepis/kernel';

/** __Name__: replace `touch` with the service's operations. Use only the ports for time, randomness and I/O. */
export const __name__Service = defineService('__name__', ({ clock }) => ({
  /** Records when `id` was last touched and how often. */
  async touch(store: TenantStore, id: string): Promise<{ id: string; count: number; at: number }> {
    const doc = await store.update<{ id: string; count: number; at: number }>(`__kebab__/${id}`, (current) => ({ id, count: (current?.count ?? 0) + 1, at: clock.now() }));
    return doc.value;
  },
}));
