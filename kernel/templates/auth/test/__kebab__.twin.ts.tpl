import { defineScenario, TenantStore } from '@krepis/kernel';
import { __name__Service } from '../src/services/__kebab__.js';

/** Two sign-ups with the same email at once: exactly one account is created. */
export default defineScenario({
  name: '__kebab__: concurrent registration of one email creates one account',
  setup({ ports, track }) {
    return { service: __name__Service.create(ports), store: new TenantStore(ports.storage, 'acme'), created: track('created', { count: 0 }) };
  },
  actors: {
    signup: {
      count: 2,
      async run({ app }) {
        try {
          await app.service.register(app.store, { email: 'ada@example.com', password: 'correct horse battery' });
          app.created.count++;
        } catch (error) {
          if ((error as { status?: number }).status !== 409) throw error;
        }
      },
    },
  },
  finally: {
    'exactly one registration succeeds': (app) => app.created.count === 1,
  },
});
