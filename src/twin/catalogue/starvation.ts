import { defineScenario, type Ports } from '@krepis/kernel';
import { dec, enc } from './codec.js';
import type { CatalogueEntry } from './types.js';

/** A reader-preferring read/write gate on storage: the writer waits for "no readers", which never comes. */
function gate(ports: Ports, writerFirst: boolean) {
  const bump = async (key: string, delta: number) => {
    for (;;) {
      const cur = await ports.storage.get('gate', key);
      if ((await ports.storage.put('gate', key, enc(dec(cur?.value ?? enc(0)) + delta), { ifVersion: cur?.version ?? 0 })).ok) return;
    }
  };
  const count = async (key: string) => dec((await ports.storage.get('gate', key))?.value ?? enc(0));
  return {
    async read() {
      while (writerFirst && (await count('writersWaiting')) > 0) await ports.clock.sleep(1);
      await bump('readers', 1);
      await ports.clock.sleep(3);
      await bump('readers', -1);
    },
    async write() {
      if (writerFirst) await bump('writersWaiting', 1);
      while ((await count('readers')) > 0) await ports.clock.sleep(1);
      await ports.storage.put('gate', 'data', enc('written'));
      if (writerFirst) await bump('writersWaiting', -1);
    },
  };
}

const scenario = (writerFirst: boolean) =>
  defineScenario({
    name: `starvation${writerFirst ? ' (fixed)' : ''}`,
    setup: ({ ports }) => gate(ports, writerFirst),
    actors: {
      reader: {
        count: 3,
        async run({ app, instance }) {
          for (let i = 0; i < 12; i++) await app.read();
          void instance;
        },
      },
      writer: ({ app }) => app.write(),
    },
    maxSteps: 20_000,
  });

export const starvation: CatalogueEntry = { id: 'starvation', title: 'starvation', expect: 'starvation', buggy: scenario(false), fixed: scenario(true), fastCheck: false };
