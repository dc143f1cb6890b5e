import { defineScenario, TenantStore } from '@krepis/kernel';
import { __name__Service } from '../src/services/__kebab__.js';

/** Two concurrent updates of one __Name__: compare-and-set lets each land or fail with 409, never silently lose one. */
export default defineScenario({
  name: '__kebab__: concurrent updates never lose a write silently',
  async setup({ ports, track }) {
    const service = __name__Service.create(ports);
    const store = new TenantStore(ports.storage, 'acme');
    const item = await service.create(store, { title: 'draft', notes: '' });
    return { service, store, id: item.id, landed: track('landed', [] as string[]) };
  },
  actors: {
    editor: {
      count: 2,
      async run({ app, instance }) {
        const title = `edit-${instance}`;
        try {
          await app.service.update(app.store, app.id, { title, notes: '' });
          app.landed.push(title);
        } catch (error) {
          if ((error as { status?: number }).status !== 409) throw error;
        }
      },
    },
  },
  finally: {
    'the stored title is the last edit that reported success': (app, view) => {
      const stored = view.json<{ title: string }>('acme', `__kebab__/${app.id}`);
      return app.landed.length > 0 && stored?.title === app.landed.at(-1);
    },
  },
});
