import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, defineController, defineTenantPolicy, memoryPorts, reply, type RunningServer } from '../src/index.js';
import { todosController } from './todoApp.js';

let holdStarted: () => void = () => undefined;
const misc = defineController({
  routes: (route) => [
    route.get('/files/:name', ({ params }) => ({ name: params.name })),
    route.get('/slow/:ms', async ({ params, ports }) => {
      await ports.clock.sleep(Number(params.ms));
      return { slept: Number(params.ms) };
    }),
    route.get('/hold', async ({ ports }) => {
      holdStarted();
      await ports.clock.sleep(150);
      return { held: true };
    }),
    route.get('/crash', () => {
      throw new Error('database password is hunter2');
    }),
    route.get('/text', { public: true }, () => reply(200, 'plain\n', { 'x-kind': 'text' })),
    route.post('/echo', { bodyLimit: 64 }, ({ body }) => body),
  ],
});

let server: RunningServer;
const tenancy = defineTenantPolicy({ tenants: ['acme', 'globex', 'limited', 'narrow'], overrides: { limited: { ratePerSecond: 1, burst: 3 }, narrow: { concurrency: 1 } } });

beforeAll(async () => {
  const app = createApp({ controllers: [todosController, misc], ports: memoryPorts(), tenancy, limits: { bodyBytes: 1024, handlerTimeoutMs: 300, headersTimeoutMs: 400 } });
  server = await app.listen({ port: 0, drainTimeoutMs: 2_000 });
});
afterAll(() => server.close());

const call = async (path: string, init: RequestInit & { tenant?: string | null } = {}) => {
  const headers = new Headers(init.headers);
  if (init.tenant !== null) headers.set('x-tenant-id', init.tenant ?? 'acme');
  const response = await fetch(`${server.url}${path}`, { ...init, headers });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: text && response.headers.get('content-type')?.includes('json') ? (JSON.parse(text) as Record<string, unknown> & { error?: { code: string; message: string } }) : undefined };
};

describe('HTTP (real server on port 0)', () => {
  it('creates and reads a todo; validation errors are 400 with issues', async () => {
    const created = await call('/todos', { method: 'POST', body: JSON.stringify({ title: 'ship' }), headers: { 'content-type': 'application/json' } });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ title: 'ship', done: false });
    expect((await call(`/todos/${String(created.json?.id)}`)).json).toMatchObject({ title: 'ship' });
    const invalid = await call('/todos', { method: 'POST', body: JSON.stringify({ title: '' }) });
    expect([invalid.status, invalid.json?.error?.code]).toEqual([400, 'KREPIS_KERNEL_INVALID_BODY']);
  });

  it('keeps tenants apart: one tenant never sees another tenant\'s todos', async () => {
    const created = await call('/todos', { method: 'POST', body: JSON.stringify({ title: 'acme secret' }), tenant: 'acme' });
    expect((await call(`/todos/${String(created.json?.id)}`, { tenant: 'globex' })).status).toBe(404);
    expect((await call('/todos', { tenant: 'globex' })).json).toEqual([]);
  });

  it('answers bad input with the right status and never crashes', async () => {
    const malformed = await call('/todos', { method: 'POST', body: '{"title": ', headers: { 'content-type': 'application/json' } });
    expect([malformed.status, malformed.json?.error?.code]).toEqual([400, 'KREPIS_KERNEL_BAD_JSON']);
    expect((await call('/todos', { method: 'POST', body: 'x'.repeat(5_000) })).status).toBe(413);
    expect((await call('/echo', { method: 'POST', body: JSON.stringify({ big: 'y'.repeat(100) }) })).status).toBe(413);
    expect((await call('/todos', { method: 'POST', body: 'title=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(415);
    expect((await call('/nope')).json?.error?.code).toBe('KREPIS_KERNEL_NO_ROUTE');
    expect((await call('/files/..%2F..%2Fetc%2Fpasswd')).status).toBe(400);
    expect([400, 404]).toContain((await call('/files/%2e%2e')).status);
    expect((await call('/files/report.pdf')).json).toEqual({ name: 'report.pdf' });
    expect((await call('/health', { tenant: null })).json).toMatchObject({ status: 'ok' });
  });

  it('refuses a missing (400), malformed (400) or unknown (403) tenant', async () => {
    expect((await call('/todos', { tenant: null })).json?.error?.code).toBe('KREPIS_KERNEL_TENANT_MISSING');
    expect((await call('/todos', { tenant: '../acme' })).status).toBe(400);
    const unknown = await call('/todos', { tenant: 'umbrella' });
    expect([unknown.status, unknown.json?.error?.code]).toEqual([403, 'KREPIS_KERNEL_TENANT_UNKNOWN']);
    expect((await call('/text', { tenant: null })).text).toBe('plain\n');
  });

  it('rate-limits per tenant with 429 without touching other tenants', async () => {
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await call('/todos', { tenant: 'limited' }));
    expect(answers.slice(0, 3).map((answer) => answer.status)).toEqual([200, 200, 200]);
    const limited = answers.find((answer) => answer.status === 429);
    expect(limited?.json?.error?.code).toBe('KREPIS_KERNEL_TOO_MANY_REQUESTS');
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await call('/todos', { tenant: 'globex' })).status).toBe(200);
  });

  it('caps a tenant\'s concurrent requests with 429 and frees the slot afterwards', async () => {
    const started = new Promise<void>((resolve) => (holdStarted = resolve));
    const slow = call('/hold', { tenant: 'narrow' });
    await started;
    expect((await call('/todos', { tenant: 'narrow' })).status).toBe(429);
    expect((await slow).status).toBe(200);
    expect((await call('/todos', { tenant: 'narrow' })).status).toBe(200);
  });

  it('hides internal errors (500) and times out slow handlers (503)', async () => {
    const crashed = await call('/crash');
    expect(crashed.status).toBe(500);
    expect(crashed.text).not.toContain('hunter2');
    const started = performance.now();
    const slow = await call('/slow/3000');
    const waited = performance.now() - started;
    expect([slow.status, slow.json?.error?.code]).toEqual([503, 'KREPIS_KERNEL_TIMEOUT']);
    // The 300 ms timeout is neither cut short nor overrun by more than the sweeps' granularity.
    expect(waited).toBeGreaterThanOrEqual(299);
    expect(waited).toBeLessThan(1_500);
    expect((await call('/slow/200')).status).toBe(200);
  });

  it('reads a body that comes with its head and one that comes in later pieces alike, and refuses either when too large', async () => {
    /** Writes `parts` to a raw connection 30 ms apart and returns the status line and body of the answer. */
    const raw = (parts: string[]) =>
      new Promise<{ status: string; body: string }>((resolve, reject) => {
        let answer = '';
        const socket = connect(server.port, '127.0.0.1', async () => {
          for (const [index, part] of parts.entries()) {
            if (index > 0) await new Promise((wait) => setTimeout(wait, 30));
            socket.write(part);
          }
        });
        socket.on('data', (chunk) => {
          answer += chunk.toString();
          const [head = '', body = ''] = answer.split('\r\n\r\n');
          const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? -1);
          if (length >= 0 && Buffer.byteLength(body) >= length) {
            socket.destroy();
            resolve({ status: head.split('\r\n')[0] ?? '', body });
          }
        });
        socket.on('error', reject);
      });
    const head = (length: number) => `POST /echo HTTP/1.1\r\nHost: x\r\nx-tenant-id: acme\r\ncontent-type: application/json\r\ncontent-length: ${length}\r\n\r\n`;
    const chunked = 'POST /echo HTTP/1.1\r\nHost: x\r\nx-tenant-id: acme\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n';
    const json = JSON.stringify({ n: 1, s: 'é' });
    const length = Buffer.byteLength(json);
    expect(await raw([head(length) + json])).toEqual({ status: 'HTTP/1.1 200 OK', body: json });
    expect(await raw([head(length), json.slice(0, 5), json.slice(5)])).toEqual({ status: 'HTTP/1.1 200 OK', body: json });
    const big = JSON.stringify({ big: 'y'.repeat(100) });
    const bigChunks = `${big.length.toString(16)}\r\n${big}\r\n0\r\n\r\n`;
    expect((await raw([chunked + bigChunks])).status).toBe('HTTP/1.1 413 Payload Too Large');
    expect((await raw([chunked, bigChunks])).status).toBe('HTTP/1.1 413 Payload Too Large');
    expect((await raw([chunked + `${length.toString(16)}\r\n${json}\r\n0\r\n\r\n`])).body).toBe(json);
  });

  it('closes a slowloris connection that never finishes its headers', async () => {
    const started = Date.now();
    const closedAfter = await new Promise<number>((resolve) => {
      const socket = connect(server.port, '127.0.0.1', () => socket.write('GET /todos HTTP/1.1\r\nHost: x\r\nx-tenant-id: acme\r\n'));
      socket.on('data', () => undefined);
      socket.on('close', () => resolve(Date.now() - started));
      socket.on('error', () => undefined);
    });
    expect(closedAfter).toBeLessThan(5_000);
  });
});

describe('graceful shutdown', () => {
  it('drains in-flight requests, then refuses new connections', async () => {
    let started!: () => void;
    const handlerStarted = new Promise<void>((resolve) => (started = resolve));
    const gate = defineController({
      routes: (route) => [
        route.get('/work', async ({ ports }) => {
          started();
          await ports.clock.sleep(150);
          return { done: true };
        }),
      ],
    });
    const app = createApp({ controllers: [gate], ports: memoryPorts(), tenancy });
    const running = await app.listen({ port: 0 });
    const inFlight = fetch(`${running.url}/work`, { headers: { 'x-tenant-id': 'acme' } });
    await handlerStarted;
    const closing = running.close();
    const response = await inFlight;
    expect([response.status, await response.json()]).toEqual([200, { done: true }]);
    await closing;
    await expect(fetch(`${running.url}/health`)).rejects.toThrow();
  });
});
