import { timingSafeEqual } from 'node:crypto';
import { ConflictError, defineModel, defineService, NotFoundError, TenantStore, UnauthorizedError, z, type Infer } from '@krepis/kernel';

/** A tenant as the admin API sees it. */
export const __Name__Tenant = defineModel('__Name__Tenant', z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/i),
  plan: z.enum(['free', 'pro', 'enterprise']).default('free'),
  quotas: z.object({ ratePerSecond: z.number().positive().optional(), concurrency: z.number().int().positive().optional(), storageBytes: z.number().int().positive().optional() }).default({}),
}));
export type __Name__Tenant = Infer<typeof __Name__Tenant> & { status: 'active' | 'suspended'; createdAt: number };

/** The admin token: set `ADMIN_TOKEN` in production. */
export const __name__Token = (): string => process.env.ADMIN_TOKEN ?? 'dev-admin-token';

/** Tenant registry kept in the `system` tenant's storage. */
export const __name__Service = defineService('__name__', ({ storage, clock }) => {
  const registry = new TenantStore(storage, 'system');
  const key = (id: string) => `__kebab__/tenants/${id}`;
  return {
    authorize(header: string | string[] | undefined): void {
      const given = Buffer.from(typeof header === 'string' ? header : '');
      const expected = Buffer.from(`Bearer ${__name__Token()}`);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new UnauthorizedError('admin token required');
    },
    async create(input: Infer<typeof __Name__Tenant>): Promise<__Name__Tenant> {
      const tenant: __Name__Tenant = { ...input, status: 'active', createdAt: clock.now() };
      if (!(await registry.put(key(input.id), tenant, { ifVersion: 0 })).ok) throw new ConflictError(`tenant ${input.id} exists`);
      return tenant;
    },
    async list(): Promise<__Name__Tenant[]> {
      return (await registry.list<__Name__Tenant>({ prefix: '__kebab__/tenants/' })).map((doc) => doc.value);
    },
    async setStatus(id: string, status: 'active' | 'suspended'): Promise<__Name__Tenant> {
      const updated = await registry.update<__Name__Tenant>(key(id), (current) => {
        if (!current) throw new NotFoundError(`tenant ${id} not found`);
        return { ...current, status };
      });
      return updated.value;
    },
    async remove(id: string): Promise<void> {
      if (!(await registry.delete(key(id)))) throw new NotFoundError(`tenant ${id} not found`);
    },
  };
});
