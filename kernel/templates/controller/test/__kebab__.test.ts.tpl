import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestApp, type TestApp } from './helpers.js';

let app: TestApp;
before(async () => (app = await startTestApp()));
after(() => app.close());

test('__kebab__ controller: index and 404', async () => {
  assert.deepEqual(await app.json('/__kebab__', { tenant: 'acme' }), { status: 200, body: { resource: '__kebab__', tenant: 'acme' } });
  assert.equal((await app.json('/__kebab__/missing')).status, 404);
});
