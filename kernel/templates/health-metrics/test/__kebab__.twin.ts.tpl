import { defineScenario } from '@krepis/kernel';
import { __name__Service } from '../src/services/__kebab__.js';

/** Readiness probes and counters from concurrent requests: every count is kept. */
export default defineScenario({
  name: '__kebab__: concurrent probes and counts lose nothing',
  setup({ ports }) {
    return { ops: __name__Service.create(ports) };
  },
  actors: {
    request: {
      count: 3,
      async run({ app }) {
        await app.ops.ready();
        app.ops.count('requests');
      },
    },
  },
  finally: {
    'the counter saw every request': (app) => /^app_requests_total 3$/m.test(app.ops.render()),
  },
});
