import { ConflictError, defineService, NotFoundError, type TenantStore } from '@krepis/kernel';
import type { __Name__, __Name__Input } from '../models/__kebab__.js';

const key = (id: string) => `__kebab__/${id}`;

/** Creates, reads, updates and deletes __Name__ records in the tenant's store. */
export const __name__Service = defineService('__name__', ({ clock, random }) => ({
  async create(store: TenantStore, input: __Name__Input): Promise<__Name__> {
    const now = clock.now();
    const item: __Name__ = { id: Buffer.from(random.bytes(8)).toString('hex'), ...input, createdAt: now, updatedAt: now };
    const written = await store.put(key(item.id), item, { ifVersion: 0 });
    if (!written.ok) throw new ConflictError(`__kebab__ ${item.id} already exists`);
    return item;
  },
  async get(store: TenantStore, id: string): Promise<__Name__> {
    const doc = await store.get<__Name__>(key(id));
    if (!doc) throw new NotFoundError(`__kebab__ ${id} not found`);
    return doc.value;
  },
  async list(store: TenantStore): Promise<__Name__[]> {
    return (await store.list<__Name__>({ prefix: '__kebab__/' })).map((doc) => doc.value);
  },
  async update(store: TenantStore, id: string, input: __Name__Input): Promise<__Name__> {
    const doc = await store.get<__Name__>(key(id));
    if (!doc) throw new NotFoundError(`__kebab__ ${id} not found`);
    const item: __Name__ = { ...doc.value, ...input, updatedAt: clock.now() };
    const written = await store.put(key(id), item, { ifVersion: doc.version });
    if (!written.ok) throw new ConflictError(`__kebab__ ${id} changed meanwhile; retry`);
    return item;
  },
  async remove(store: TenantStore, id: string): Promise<void> {
    if (!(await store.delete(key(id)))) throw new NotFoundError(`__kebab__ ${id} not found`);
  },
}));
