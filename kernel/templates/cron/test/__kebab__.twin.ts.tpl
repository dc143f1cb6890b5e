import { decodeRecords, defineScenario, Scheduler } from '@krepis/kernel';
import { __name__Cron } from '../src/plugins/__kebab__.js';

/** Sixteen virtual minutes of the cron job: it runs at :05, :10 and :15, once each. */
export default defineScenario({
  name: '__kebab__: the cron job runs once per slot in virtual time',
  setup({ ports }) {
    return { ports, scheduler: new Scheduler(ports.clock, ports.logger) };
  },
  actors: {
    operator: async ({ app }) => {
      await __name__Cron({ ports: app.ports, scheduler: app.scheduler, server: undefined as never });
      await app.ports.clock.sleep(16 * 60_000);
      await app.scheduler.stop();
    },
  },
  finally: {
    'three runs were journaled': (_app, view) => decodeRecords(view.journal('cron/__kebab__')).records.length === 3 || `${decodeRecords(view.journal('cron/__kebab__')).records.length} runs`,
  },
});
