import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { checkApp } from '@krepis/kernel/conformance';
import { controllers, services } from '../src/app.js';
import { startTestApp, type TestApp } from './helpers.js';

let app: TestApp;
before(async () => (app = await startTestApp()));
after(() => app.close());

test('GET / says hello to the tenant', async () => {
  assert.deepEqual(await app.json('/', { tenant: 'acme' }), { status: 200, body: { hello: 'world', tenant: 'acme' } });
});

test('POST /greetings validates its body', async () => {
  assert.equal((await app.json('/greetings', { method: 'POST', body: JSON.stringify({ name: 'Ada' }) })).status, 200);
  assert.equal((await app.json('/greetings', { method: 'POST', body: JSON.stringify({}) })).status, 400);
});

test('the health endpoint answers', async () => {
  assert.equal((await app.json('/health')).status, 200);
});

test('the app keeps the kernel rules', async () => {
  assert.deepEqual(await checkApp({ root: process.cwd(), controllers, services }), { ok: true });
});
