import { defineScenario } from '@krepis/kernel';

/** Six workers bumping their own counters and reading a shared one: a large state space for random walks. */
export default defineScenario({
  name: 'state-space benchmark',
  setup: ({ ports }) => ports,
  actors: {
    worker: {
      count: 6,
      async run({ app, instance }) {
        for (let i = 0; i < 300; i++) {
          const shared = await app.storage.get('s', 'shared');
          await app.storage.put('s', `own${instance}`, new Uint8Array([i % 256, (shared?.version ?? 0) % 7]));
          if (i % 10 === 0) await app.storage.put('s', 'shared', new Uint8Array([instance]), { ifVersion: shared?.version ?? 0 });
        }
      },
    },
  },
  maxSteps: 100_000,
});
