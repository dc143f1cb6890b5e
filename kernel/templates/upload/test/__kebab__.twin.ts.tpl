import { defineScenario, TenantStore } from '@krepis/kernel';
import { __name__Service } from '../src/services/__kebab__.js';

/** Uploads and a delete of one file race: its bytes and its info are always both there or both gone. */
export default defineScenario({
  name: '__kebab__: file bytes and info never drift apart',
  setup({ ports }) {
    return { files: __name__Service.create(ports), store: new TenantStore(ports.storage, 'acme') };
  },
  actors: {
    uploader: { count: 2, run: ({ app, instance }) => app.files.save(app.store, 'report.pdf', new Uint8Array([instance, 1, 2]), 'application/pdf') },
    remover: async ({ app }) => {
      try {
        await app.files.remove(app.store, 'report.pdf');
      } catch (error) {
        if (![404, 409].includes((error as { status?: number }).status ?? 0)) throw error;
      }
    },
  },
  invariants: {
    'bytes exist exactly when info does': (_app, view) => (view.bytes('acme', '__kebab__/data/report.pdf') === undefined) === (view.bytes('acme', '__kebab__/info/report.pdf') === undefined),
  },
});
