import { defineScenario, type Ports } from '@krepis/kernel';
import { dec, enc } from './codec.js';
import type { CatalogueEntry } from './types.js';

function wallet(ports: Ports, safe: boolean) {
  return {
    async credit(amount: number) {
      for (;;) {
        const current = await ports.storage.get('w', 'balance');
        const next = enc(dec(current?.value) + amount);
        const written = await ports.storage.put('w', 'balance', next, safe ? { ifVersion: current?.version } : undefined);
        if (written.ok) return;
      }
    },
  };
}

const scenario = (safe: boolean) =>
  defineScenario({
    name: `lost update across await${safe ? ' (fixed)' : ''}`,
    async setup({ ports }) {
      await ports.storage.put('w', 'balance', enc(0));
      return wallet(ports, safe);
    },
    actors: { credit: { count: 2, run: ({ app }) => app.credit(5) } },
    finally: { 'balance is the sum of credits': (_app, view) => view.json('w', 'balance') === 10 },
  });

export const lostUpdate: CatalogueEntry = { id: 'lost-update', title: 'lost update across await', expect: 'atomicity', buggy: scenario(false), fixed: scenario(true), fastCheck: true };
