import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestApp, type TestApp } from './helpers.js';

let app: TestApp;
before(async () => (app = await startTestApp()));
after(() => app.close());
const credentials = JSON.stringify({ email: 'ada@example.com', password: 'correct horse battery' });

test('__kebab__: register, login, me, logout', async () => {
  assert.equal((await app.json('/__kebab__/register', { method: 'POST', body: credentials })).status, 201);
  assert.equal((await app.json('/__kebab__/register', { method: 'POST', body: credentials })).status, 409);
  const login = await app.json<{ token: string }>('/__kebab__/login', { method: 'POST', body: credentials });
  assert.equal(login.status, 200);
  const auth = { authorization: `Bearer ${login.body.token}` };
  assert.deepEqual((await app.json<{ email: string }>('/__kebab__/me', { headers: auth })).body.email, 'ada@example.com');
  assert.equal((await app.request('/__kebab__/logout', { method: 'POST', headers: auth })).status, 204);
  assert.equal((await app.json('/__kebab__/me', { headers: auth })).status, 401);
});

test('__kebab__: a wrong password and another tenant are refused', async () => {
  const wrong = JSON.stringify({ email: 'ada@example.com', password: 'wrong password!' });
  assert.equal((await app.json('/__kebab__/login', { method: 'POST', body: wrong })).status, 401);
  assert.equal((await app.json('/__kebab__/login', { method: 'POST', body: credentials, tenant: 'other' })).status, 401);
  assert.equal((await app.json('/__kebab__/me')).status, 401);
});
