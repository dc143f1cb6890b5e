import { defineScenario, TenantStore } from '@krepis/kernel';
import { __name__Service, type __Name__Job } from '../src/services/__kebab__.js';

/** Two workers drain the same queue at once: every job runs exactly once (compare-and-set claim). */
export default defineScenario({
  name: '__kebab__: concurrent workers run each job exactly once',
  async setup({ ports }) {
    const queue = __name__Service.create(ports);
    const store = new TenantStore(ports.storage, 'acme');
    const jobs = [await queue.enqueue(store, { n: 1 }), await queue.enqueue(store, { n: 2 })];
    return { queue, store, ids: jobs.map((job) => job.id) };
  },
  actors: {
    worker: { count: 2, run: ({ app }) => app.queue.drain(app.store) },
  },
  finally: {
    'every job is done after one attempt': (app, view) =>
      app.ids.every((id) => {
        const job = view.json<__Name__Job>('acme', `__kebab__/jobs/${id}`);
        return job?.status === 'done' && job.attempts === 1;
      }),
  },
});
