import { defineController, defineModel, reply, z } from '@krepis/kernel';
import { __name__Service } from '../services/__kebab__.js';

/** A job submission. */
export const __Name__Submission = defineModel('__Name__Submission', z.object({ payload: z.record(z.string(), z.unknown()) }));

/** `POST /__kebab__` enqueues (202), `GET /__kebab__/:id` shows the job. */
export const __name__Controller = defineController({
  name: '__kebab__',
  prefix: '/__kebab__',
  services: { queue: __name__Service },
  routes: (route) => [
    route.post('/', { body: __Name__Submission, summary: 'enqueue a job' }, async ({ services, store, body }) => {
      const job = await services.queue.enqueue(store, body.payload);
      return reply(202, job, { location: `/__kebab__/${job.id}` });
    }),
    route.get('/:id', { summary: 'a job and its status' }, ({ services, store, params }) => services.queue.get(store, params.id!)),
  ],
});
