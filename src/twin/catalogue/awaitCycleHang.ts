import { defineScenario, type TaskHandle } from '@krepis/kernel';
import type { CatalogueEntry } from './types.js';

/** Config loading waits for the cache to warm up, and cache warm-up waits for the config. */
const scenario = (safe: boolean) =>
  defineScenario({
    name: `await-cycle hang${safe ? ' (fixed)' : ''}`,
    setup: ({ ports }) => ports,
    actors: {
      boot: async ({ app, spawn, yield: pause }) => {
        const handles: { config?: TaskHandle<string>; cache?: TaskHandle<string> } = {};
        handles.config = spawn('loadConfig', async () => {
          await pause();
          if (!safe) await handles.cache?.join();
          return 'config';
        });
        handles.cache = spawn('warmCache', async () => {
          await app.clock.sleep(1);
          return `cache with ${await handles.config?.join()}`;
        });
        return handles.cache.join();
      },
    },
  });

export const awaitCycleHang: CatalogueEntry = { id: 'await-cycle-hang', title: 'await-cycle hang', expect: 'hang', buggy: scenario(false), fixed: scenario(true), fastCheck: true };
