import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { TenantStore } from '@krepis/kernel';
import { __name__Service, type __Name__Job } from '../src/services/__kebab__.js';
import { startTestApp, type TestApp } from './helpers.js';

let app: TestApp;
before(async () => (app = await startTestApp()));
after(() => app.close());

test('__kebab__: an enqueued job is run once and its result kept', async () => {
  const queued = await app.json<__Name__Job>('/__kebab__', { method: 'POST', body: JSON.stringify({ payload: { n: 1 } }) });
  assert.equal(queued.status, 202);
  const queue = __name__Service.create(app.ports);
  const store = new TenantStore(app.ports.storage, 'default');
  await Promise.all([queue.drain(store), queue.drain(store)]);
  const job = (await app.json<__Name__Job>(`/__kebab__/${queued.body.id}`)).body;
  assert.deepEqual([job.status, job.attempts], ['done', 1]);
  assert.deepEqual(await queue.tenants(), ['default']);
});

test('__kebab__: a failing job is retried, then marked failed', async () => {
  const queued = await app.json<__Name__Job>('/__kebab__', { method: 'POST', body: JSON.stringify({ payload: { fail: true } }), tenant: 'acme' });
  const queue = __name__Service.create(app.ports);
  const store = new TenantStore(app.ports.storage, 'acme');
  for (let i = 0; i < 4; i++) await queue.drain(store);
  const job = (await app.json<__Name__Job>(`/__kebab__/${queued.body.id}`, { tenant: 'acme' })).body;
  assert.deepEqual([job.status, job.attempts], ['failed', 3]);
});
