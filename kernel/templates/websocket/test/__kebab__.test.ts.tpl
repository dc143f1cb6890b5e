import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { WebSocket } from 'ws';
import { startTestApp, type TestApp } from './helpers.js';

let app: TestApp;
before(async () => (app = await startTestApp()));
after(() => app.close());

const open = (tenant: string) =>
  new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(`${app.url.replace('http', 'ws')}/__kebab__?tenant=${tenant}`);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });

test('__kebab__: messages reach the same tenant only', async () => {
  const [alice, bob, mallory] = await Promise.all([open('acme'), open('acme'), open('globex')]);
  const leaked: unknown[] = [];
  mallory.on('message', (data) => leaked.push(data.toString()));
  const received = new Promise<{ tenant: string; message: { text: string } }>((resolve) => bob.once('message', (data) => resolve(JSON.parse(data.toString()))));
  alice.send(JSON.stringify({ text: 'hi bob' }));
  const got = await received;
  assert.deepEqual([got.tenant, got.message.text], ['acme', 'hi bob']);
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.deepEqual(leaked, []);
  for (const ws of [alice, bob, mallory]) ws.close();
});
