import { defineService, type TenantStore } from '@krepis/kernel';

/** One __Name__ record. */
export interface __Name__Item { id: string; name: string; createdAt: number }

/** Storage behind the GraphQL resolvers. */
export const __name__Service = defineService('__name__', ({ clock, random }) => ({
  async add(store: TenantStore, name: string): Promise<__Name__Item> {
    const item = { id: Buffer.from(random.bytes(6)).toString('hex'), name, createdAt: clock.now() };
    await store.put(`__kebab__/${item.id}`, item, { ifVersion: 0 });
    return item;
  },
  async all(store: TenantStore): Promise<__Name__Item[]> {
    return (await store.list<__Name__Item>({ prefix: '__kebab__/' })).map((doc) => doc.value);
  },
  async one(store: TenantStore, id: string): Promise<__Name__Item | null> {
    return (await store.get<__Name__Item>(`__kebab__/${id}`))?.value ?? null;
  },
}));
