import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestApp, type TestApp } from './helpers.js';

let app: TestApp;
before(async () => (app = await startTestApp()));
after(() => app.close());

test('__kebab__: upload, download, list, delete', async () => {
  const bytes = new Uint8Array([0, 1, 2, 250, 251]);
  assert.equal((await app.request('/__kebab__/photo.png', { method: 'PUT', body: bytes, headers: { 'content-type': 'image/png' } })).status, 201);
  const download = await app.request('/__kebab__/photo.png');
  assert.equal(download.headers.get('content-type'), 'image/png');
  assert.deepEqual(new Uint8Array(await download.arrayBuffer()), bytes);
  assert.deepEqual((await app.json<{ name: string; size: number }[]>('/__kebab__')).body.map((file) => [file.name, file.size]), [['photo.png', 5]]);
  assert.equal((await app.request('/__kebab__/photo.png', { tenant: 'other' })).status, 404);
  assert.equal((await app.request('/__kebab__/photo.png', { method: 'DELETE' })).status, 204);
  assert.equal((await app.request('/__kebab__/photo.png')).status, 404);
});

test('__kebab__: path traversal and oversized uploads are refused', async () => {
  assert.equal((await app.request('/__kebab__/..%2Fsecret', { method: 'PUT', body: 'x' })).status, 400);
  assert.equal((await app.request('/__kebab__/big.bin', { method: 'PUT', body: new Uint8Array(5 * 1024 * 1024 + 1) })).status, 413);
});
