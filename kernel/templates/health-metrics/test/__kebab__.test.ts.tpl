import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestApp, type TestApp } from './helpers.js';

let app: TestApp;
before(async () => (app = await startTestApp()));
after(() => app.close());

test('__kebab__: live and ready answer 200', async () => {
  assert.deepEqual(await app.json('/__kebab__/live'), { status: 200, body: { status: 'live' } });
  const ready = await app.json<{ status: string }>('/__kebab__/ready');
  assert.deepEqual([ready.status, ready.body.status], [200, 'ready']);
});

test('__kebab__: metrics are Prometheus text and count scrapes', async () => {
  await app.request('/__kebab__/metrics');
  const response = await app.request('/__kebab__/metrics');
  assert.match(response.headers.get('content-type') ?? '', /^text\/plain/);
  const text = await response.text();
  assert.match(text, /^# TYPE app_uptime_seconds gauge$/m);
  assert.match(text, /^app_metrics_scrapes_total 2$/m);
});
