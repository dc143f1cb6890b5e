import { defineScenario, TenantStore } from '@krepis/kernel';
import { __name__Service } from '../src/services/__kebab__.js';

/** Three concurrent touches of one id: compare-and-set retries keep every increment. */
export default defineScenario({
  name: '__kebab__: concurrent touches keep every increment',
  setup({ ports }) {
    return { service: __name__Service.create(ports), store: new TenantStore(ports.storage, 'acme') };
  },
  actors: {
    touch: { count: 3, run: ({ app }) => app.service.touch(app.store, 'a') },
  },
  finally: {
    'count is 3': (_app, view) => view.json<{ count: number }>('acme', '__kebab__/a')?.count === 3,
  },
});
