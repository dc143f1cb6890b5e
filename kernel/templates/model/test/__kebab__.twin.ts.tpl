import { defineScenario, TenantStore } from '@krepis/kernel';
import { __Name__ } from '../src/models/__kebab__.js';

/** Writers race to store __Name__ documents (one of them invalid): only validated data is ever stored. */
export default defineScenario({
  name: '__kebab__: only documents that pass the model are stored',
  setup({ ports }) {
    return { store: new TenantStore(ports.storage, 'acme') };
  },
  actors: {
    writer: {
      count: 3,
      async run({ app, instance }) {
        const input = instance === 2 ? { name: '' } : { name: `doc-${instance}`, tags: ['t'] };
        const parsed = __Name__.safeParse(input);
        if (parsed.ok) await app.store.update('__kebab__/current', () => parsed.value);
      },
    },
  },
  invariants: {
    'the stored document validates': (_app, view) => {
      const stored = view.json('acme', '__kebab__/current');
      return stored === undefined || __Name__.safeParse(stored).ok;
    },
  },
});
