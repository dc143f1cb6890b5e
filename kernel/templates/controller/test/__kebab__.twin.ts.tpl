import { defineScenario, TenantStore, type RouteContext } from '@krepis/kernel';
import { __name__Controller } from '../src/controllers/__kebab__.js';

/** Two tenants read the same id through the route handler at once: each sees only its own document. */
export default defineScenario({
  name: '__kebab__: the read route never crosses tenants',
  async setup({ ports, track }) {
    await new TenantStore(ports.storage, 'acme').put('__kebab__/1', { owner: 'acme' });
    const route = __name__Controller.routes.find((candidate) => candidate.path === '/__kebab__/:id')!;
    return { route, ports, seen: track('seen', [] as { tenant: string; owner: string | undefined }[]) };
  },
  actors: {
    reader: {
      count: 2,
      async run({ app, instance }) {
        const tenant = instance === 0 ? 'acme' : 'globex';
        const ctx = { tenant, store: new TenantStore(app.ports.storage, tenant), params: { id: '1' }, ports: app.ports } as unknown as RouteContext;
        try {
          app.seen.push({ tenant, owner: ((await app.route.handler(ctx)) as { owner: string }).owner });
        } catch (error) {
          if ((error as { status?: number }).status !== 404) throw error;
          app.seen.push({ tenant, owner: undefined });
        }
      },
    },
  },
  finally: {
    'acme reads its document, globex gets 404': (app) => app.seen.every((entry) => entry.owner === (entry.tenant === 'acme' ? 'acme' : undefined)),
  },
});
