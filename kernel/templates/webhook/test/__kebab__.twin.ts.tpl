import { defineScenario, TenantStore } from '@krepis/kernel';
import { __name__Service } from '../src/services/__kebab__.js';

/** The same event delivered twice at once (a sender retry): it is stored once, one delivery is a duplicate. */
export default defineScenario({
  name: '__kebab__: concurrent redeliveries store an event once',
  setup({ ports, track }) {
    return { webhooks: __name__Service.create(ports), store: new TenantStore(ports.storage, 'acme'), outcomes: track('outcomes', [] as boolean[]) };
  },
  actors: {
    delivery: {
      count: 2,
      async run({ app }) {
        const body = new TextEncoder().encode(JSON.stringify({ id: 'evt_1', type: 'order.paid' }));
        app.outcomes.push((await app.webhooks.record(app.store, body)).duplicate);
      },
    },
  },
  finally: {
    'one new, one duplicate': (app) => app.outcomes.filter((duplicate) => !duplicate).length === 1 && app.outcomes.length === 2,
    'the event is stored': (_app, view) => view.json<{ id: string }>('acme', '__kebab__/events/evt_1')?.id === 'evt_1',
  },
});
