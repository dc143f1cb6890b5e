import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestApp, type TestApp } from './helpers.js';

interface Item { id: string; title: string; notes: string }
let app: TestApp;
before(async () => (app = await startTestApp()));
after(() => app.close());

test('__kebab__: create, read, update, list, delete', async () => {
  const created = await app.json<Item>('/__kebab__', { method: 'POST', body: JSON.stringify({ title: 'first' }) });
  assert.equal(created.status, 201);
  const id = created.body.id;
  assert.equal((await app.json<Item>(`/__kebab__/${id}`)).body.title, 'first');
  assert.equal((await app.json<Item>(`/__kebab__/${id}`, { method: 'PUT', body: JSON.stringify({ title: 'second' }) })).body.title, 'second');
  assert.deepEqual((await app.json<Item[]>('/__kebab__')).body.map((item) => item.title), ['second']);
  assert.equal((await app.request(`/__kebab__/${id}`, { method: 'DELETE' })).status, 204);
  assert.equal((await app.json(`/__kebab__/${id}`)).status, 404);
});

test('__kebab__: invalid input is 400 and tenants are isolated', async () => {
  assert.equal((await app.json('/__kebab__', { method: 'POST', body: JSON.stringify({ title: '' }) })).status, 400);
  const created = await app.json<Item>('/__kebab__', { method: 'POST', body: JSON.stringify({ title: 'private' }), tenant: 'acme' });
  assert.equal((await app.json(`/__kebab__/${created.body.id}`, { tenant: 'globex' })).status, 404);
});
