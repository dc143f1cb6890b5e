import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sign__Name__ } from '../src/services/__kebab__.js';
import { startTestApp, type TestApp } from './helpers.js';

let app: TestApp;
before(async () => (app = await startTestApp()));
after(() => app.close());
const deliver = (body: string, signature: string) => app.request('/webhooks/__kebab__', { method: 'POST', body, headers: { 'x-signature': signature } });

test('__kebab__: a signed delivery is accepted once, a redelivery acknowledged', async () => {
  const body = JSON.stringify({ id: 'evt_1', type: 'order.paid', data: { order: 7 } });
  assert.equal((await deliver(body, sign__Name__(body))).status, 202);
  assert.equal((await deliver(body, sign__Name__(body))).status, 200);
});

test('__kebab__: a wrong or missing signature is 401, a tampered body too', async () => {
  const body = JSON.stringify({ id: 'evt_2', type: 'order.paid' });
  assert.equal((await deliver(body, 'sha256=00')).status, 401);
  assert.equal((await deliver(body.replace('paid', 'refunded'), sign__Name__(body))).status, 401);
  assert.equal((await deliver('not json', sign__Name__('not json'))).status, 400);
});
