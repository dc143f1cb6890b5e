import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestApp, type TestApp } from './helpers.js';

let app: TestApp;
before(async () => (app = await startTestApp()));
after(() => app.close());
const gql = <T>(query: string, variables?: Record<string, unknown>, tenant?: string) =>
  app.json<{ data?: T; errors?: { message: string }[] }>('/__kebab__', { method: 'POST', body: JSON.stringify({ query, variables }), tenant });

test('__kebab__: mutation then query, per tenant', async () => {
  const added = await gql<{ add__Name__: { id: string } }>('mutation ($name: String!) { add__Name__(name: $name) { id } }', { name: 'first' });
  assert.equal(added.status, 200);
  const id = added.body.data?.add__Name__.id;
  const all = await gql<{ __name__s: { name: string }[] }>('{ __name__s { name } }');
  assert.deepEqual(all.body.data?.__name__s, [{ name: 'first' }]);
  assert.deepEqual((await gql<{ __name__: null }>('query ($id: ID!) { __name__(id: $id) { name } }', { id }, 'other')).body.data?.__name__, null);
});

test('__kebab__: a malformed query is a 400 with errors', async () => {
  const bad = await gql('{ nope ');
  assert.equal(bad.status, 400);
  assert.ok(bad.body.errors?.length);
});
