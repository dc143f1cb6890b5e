import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { __name__Token } from '../src/services/__kebab__.js';
import { startTestApp, type TestApp } from './helpers.js';

let app: TestApp;
before(async () => (app = await startTestApp()));
after(() => app.close());
const admin = () => ({ authorization: `Bearer ${__name__Token()}` });

test('__kebab__: create, list, suspend, delete tenants', async () => {
  const created = await app.json<{ id: string; status: string }>('/admin/__kebab__', { method: 'POST', headers: admin(), body: JSON.stringify({ id: 'acme', plan: 'pro' }) });
  assert.deepEqual([created.status, created.body.status], [201, 'active']);
  assert.equal((await app.json('/admin/__kebab__', { method: 'POST', headers: admin(), body: JSON.stringify({ id: 'acme' }) })).status, 409);
  assert.equal((await app.json<{ status: string }>('/admin/__kebab__/acme/suspend', { method: 'POST', headers: admin() })).body.status, 'suspended');
  assert.deepEqual((await app.json<{ id: string }[]>('/admin/__kebab__', { headers: admin() })).body.map((tenant) => tenant.id), ['acme']);
  assert.equal((await app.request('/admin/__kebab__/acme', { method: 'DELETE', headers: admin() })).status, 204);
});

test('__kebab__: refuses without the admin token and validates ids', async () => {
  assert.equal((await app.json('/admin/__kebab__')).status, 401);
  assert.equal((await app.json('/admin/__kebab__', { headers: { authorization: 'Bearer wrong' } })).status, 401);
  assert.equal((await app.json('/admin/__kebab__', { method: 'POST', headers: admin(), body: JSON.stringify({ id: '../x' }) })).status, 400);
});
