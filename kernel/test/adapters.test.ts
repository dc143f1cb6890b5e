import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { fetchNet, jsonLogger, MemoryLocks, systemClock, systemRandom } from '../src/index.js';

describe('MemoryLocks', () => {
  it('serves waiters first come, first served and refuses tryAcquire while held', async () => {
    const locks = new MemoryLocks();
    const order: number[] = [];
    const first = await locks.acquire('invoice/7');
    expect(await locks.tryAcquire('invoice/7')).toBeUndefined();
    const waiters = [1, 2, 3].map((n) => locks.acquire('invoice/7').then(async (lease) => {
      order.push(n);
      await lease.release();
    }));
    await first.release();
    await first.release(); // idempotent
    await Promise.all(waiters);
    expect(order).toEqual([1, 2, 3]);
    expect(await locks.tryAcquire('invoice/7')).toBeDefined();
  });

  it('an aborted waiter leaves the queue', async () => {
    const locks = new MemoryLocks();
    const held = await locks.acquire('a');
    const controller = new AbortController();
    const waiting = locks.acquire('a', { signal: controller.signal });
    controller.abort(new Error('timeout'));
    await expect(waiting).rejects.toThrow('timeout');
    await held.release();
    expect(await locks.tryAcquire('a')).toBeDefined();
  });
});

describe('system adapters', () => {
  it('systemClock sleeps, fires and clears timers, and aborts a sleep', async () => {
    const clock = systemClock();
    const before = clock.now();
    await clock.sleep(20);
    expect(clock.now() - before).toBeGreaterThanOrEqual(15);
    let fired = 0;
    clock.clearTimer(clock.setTimer(5, () => fired++));
    clock.setTimer(5, () => fired++);
    await clock.sleep(30);
    expect(fired).toBe(1);
    await expect(clock.sleep(10_000, AbortSignal.timeout(10))).rejects.toBeDefined();
  });

  it('systemRandom gives floats in [0, 1) and the bytes asked for', () => {
    const random = systemRandom();
    const values = Array.from({ length: 200 }, () => random.next());
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
    expect(new Set(values).size).toBeGreaterThan(190);
    expect(random.bytes(16)).toHaveLength(16);
  });

  it('jsonLogger writes one JSON line per call above its level, with bound fields', () => {
    const lines: string[] = [];
    const logger = jsonLogger({ level: 'info', write: (line) => void lines.push(line) }).child({ tenant: 'acme' });
    logger.debug('hidden');
    logger.warn('slow', { ms: 900, error: new Error('boom') });
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual([{ level: 'warn', msg: 'slow', tenant: 'acme', ms: 900, error: { name: 'Error', message: 'boom' } }]);
  });

  it('fetchNet sends a request and reads the whole response', async () => {
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        response.setHeader('x-echo-method', request.method ?? '');
        response.end(body.toUpperCase());
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const response = await fetchNet().fetch({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, method: 'POST', body: 'hello' });
      expect([response.status, response.headers['x-echo-method'], new TextDecoder().decode(response.body)]).toEqual([200, 'POST', 'HELLO']);
    } finally {
      server.close();
    }
  });
});
