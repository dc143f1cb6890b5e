import { defineScenario, type Ports } from '@krepis/kernel';
import type { CatalogueEntry } from './types.js';

function transfers(ports: Ports, safe: boolean) {
  return {
    async transfer(from: string, to: string) {
      const [first, second] = safe ? [from, to].sort() : [from, to];
      const a = await ports.locks.acquire(`account/${first}`);
      const b = await ports.locks.acquire(`account/${second}`);
      await ports.storage.put('bank', `last/${from}`, new Uint8Array([1]));
      await b.release();
      await a.release();
    },
  };
}

const scenario = (safe: boolean) =>
  defineScenario({
    name: `lock-order deadlock${safe ? ' (fixed)' : ''}`,
    setup: ({ ports }) => transfers(ports, safe),
    actors: {
      aliceToBob: ({ app }) => app.transfer('alice', 'bob'),
      bobToAlice: ({ app }) => app.transfer('bob', 'alice'),
    },
  });

export const lockOrderDeadlock: CatalogueEntry = { id: 'lock-order-deadlock', title: 'lock-order deadlock', expect: 'deadlock', buggy: scenario(false), fixed: scenario(true), fastCheck: true };
