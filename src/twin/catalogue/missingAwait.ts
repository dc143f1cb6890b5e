import { defineScenario, type Ports } from '@krepis/kernel';
import { dec, enc } from './codec.js';
import type { CatalogueEntry } from './types.js';

function orders(ports: Ports, safe: boolean) {
  return {
    async place(id: string) {
      const write = ports.storage.put('shop', `order/${id}`, enc({ id, status: 'placed' }));
      if (safe) await write;
      else void write; // the bug: fire and forget
    },
    async status(id: string): Promise<string> {
      const stored = await ports.storage.get('shop', `order/${id}`);
      return stored ? dec<{ status: string }>(stored.value).status : 'unknown';
    },
  };
}

const scenario = (safe: boolean) =>
  defineScenario({
    name: `missing await${safe ? ' (fixed)' : ''}`,
    setup: ({ ports, track }) => ({ shop: orders(ports, safe), seen: track('seen', { status: '' }) }),
    actors: {
      checkout: async ({ app }) => {
        await app.shop.place('7');
        app.seen.status = await app.shop.status('7');
      },
    },
    finally: { 'a placed order is visible to its client': (app) => app.seen.status === 'placed' || `client saw "${app.seen.status}"` },
  });

export const missingAwait: CatalogueEntry = { id: 'missing-await', title: 'missing await', expect: 'order', buggy: scenario(false), fixed: scenario(true), fastCheck: true };
