import { defineScenario } from '@krepis/kernel';
import { __name__Service, type __Name__Tenant } from '../src/services/__kebab__.js';

/** Suspend, reactivate and delete one tenant at once: a deleted tenant is never resurrected half-made. */
export default defineScenario({
  name: '__kebab__: status changes racing a delete never resurrect a tenant',
  async setup({ ports }) {
    const admin = __name__Service.create(ports);
    await admin.create({ id: 'acme', plan: 'pro', quotas: {} });
    return { admin };
  },
  actors: {
    suspend: ({ app }) => app.admin.setStatus('acme', 'suspended').catch(ignoreNotFound),
    activate: ({ app }) => app.admin.setStatus('acme', 'active').catch(ignoreNotFound),
    remove: ({ app }) => app.admin.remove('acme').catch(ignoreNotFound),
  },
  finally: {
    'the tenant is gone': (_app, view) => view.json<__Name__Tenant>('system', '__kebab__/tenants/acme') === undefined,
  },
});

function ignoreNotFound(error: unknown): void {
  if ((error as { status?: number }).status !== 404) throw error;
}
