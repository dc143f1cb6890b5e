import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, defineController, memoryPorts, type RunningServer } from '../src/index.js';

const KEEP_ALIVE_MS = 200;
let server: RunningServer;

beforeAll(async () => {
  const slow = defineController({ routes: (route) => [route.get('/slow', async ({ ports }) => (await ports.clock.sleep(2 * KEEP_ALIVE_MS), { slept: true }))] });
  server = await createApp({ controllers: [slow], ports: memoryPorts(), limits: { keepAliveTimeoutMs: KEEP_ALIVE_MS } }).listen({ port: 0 });
});
afterAll(() => server.close());

const open = () => new Promise<Socket>((resolve) => {
  const socket = connect(server.port, '127.0.0.1', () => resolve(socket));
});
const get = (socket: Socket, path: string) =>
  new Promise<string>((resolve) => {
    socket.once('data', (chunk) => resolve(chunk.toString()));
    socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`);
  });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// The kernel sweeps idle keep-alive connections itself (IdleConnections) instead of Node's per-socket timer.
describe('keep-alive connections', () => {
  it('announces the timeout and closes a connection once it has been idle that long, not before', async () => {
    const socket = await open();
    expect(await get(socket, '/health')).toMatch(/Connection: keep-alive\r\nKeep-Alive: timeout=\d+/);
    const idleFrom = performance.now();
    const closedAfter = await new Promise<number>((resolve) => socket.once('close', () => resolve(performance.now() - idleFrom)));
    expect(closedAfter).toBeGreaterThanOrEqual(KEEP_ALIVE_MS - 5);
    expect(closedAfter).toBeLessThan(KEEP_ALIVE_MS + 1_000);
  });

  it('keeps a connection open while its request runs past the timeout, and while it keeps sending requests', async () => {
    const socket = await open();
    let closed = false;
    socket.once('close', () => (closed = true));
    expect(await get(socket, '/slow')).toContain('{"slept":true}');
    for (let index = 0; index < 6; index++) {
      await pause(KEEP_ALIVE_MS / 2);
      expect(await get(socket, '/health')).toContain('200 OK');
    }
    expect(closed).toBe(false);
    socket.destroy();
  });
});
