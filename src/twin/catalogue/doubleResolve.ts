import { defineScenario } from '@krepis/kernel';
import type { CatalogueEntry } from './types.js';

const scenario = (safe: boolean) =>
  defineScenario({
    name: `double resolve${safe ? ' (fixed)' : ''}`,
    setup: ({ ports }) => ports,
    actors: {
      callWithTimeout: async ({ app, deferred }) => {
        const outcome = deferred<string>();
        let settled = false;
        const timer = app.clock.setTimer(5, () => {
          if (safe && settled) return;
          settled = true;
          outcome.resolve('timeout');
        });
        void app.net.fetch({ url: 'https://slow.example.com' }).then(() => {
          if (safe && settled) return;
          settled = true;
          if (safe) app.clock.clearTimer(timer);
          outcome.resolve('response');
        });
        return outcome.wait();
      },
    },
  });

export const doubleResolve: CatalogueEntry = { id: 'double-resolve', title: 'double resolve / callback', expect: 'double-resolve', buggy: scenario(false), fixed: scenario(true), fastCheck: false };
