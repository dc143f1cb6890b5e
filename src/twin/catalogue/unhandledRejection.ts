import { defineScenario } from '@krepis/kernel';
import type { CatalogueEntry } from './types.js';

const scenario = (safe: boolean) =>
  defineScenario({
    name: `unhandled rejection${safe ? ' (fixed)' : ''}`,
    setup: ({ ports }) => ports,
    actors: {
      request: async ({ app, spawn }) => {
        // A background audit call that fails when the audit service refuses it.
        const audit = spawn('audit', async () => {
          const response = await app.net.fetch({ url: 'https://audit.example.com/log', method: 'POST' });
          if (response.status === 200) throw new Error('audit refused: missing tenant header');
        });
        if (safe) await audit.join().catch((error: unknown) => app.logger.warn('audit failed', { error: String(error) }));
        return 'ok';
      },
    },
  });

export const unhandledRejection: CatalogueEntry = { id: 'unhandled-rejection', title: 'unhandled rejection', expect: 'unhandled-rejection', buggy: scenario(false), fixed: scenario(true), fastCheck: false };
