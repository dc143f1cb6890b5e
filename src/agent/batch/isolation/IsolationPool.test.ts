import { describe, expect, it } from 'vitest';
import { IsolationPool } from './IsolationPool.js';

describe('IsolationPool', () => {
  const pool = new IsolationPool({ timeoutMs: 2000, memoryMb: 32 }, 2);

  it('runs generated code and returns its export’s value', async () => {
    const result = await pool.run({ code: 'exports.add = ({ a, b }) => a + b;', entry: 'add', input: { a: 2, b: 3 } });
    expect(result).toMatchObject({ ok: true, value: 5 });
  });

  it('stops code that runs too long', async () => {
    const fast = new IsolationPool({ timeoutMs: 300 }, 1);
    const result = await fast.run({ code: 'exports.spin = () => { for (;;) {} };', entry: 'spin' });
    expect(result).toMatchObject({ ok: false, reason: 'timeout' });
    expect(result.ms).toBeLessThan(2000);
  });

  it('stops code that exceeds its heap limit', async () => {
    const result = await pool.run({ code: 'exports.hog = () => { const a = []; for (;;) a.push(new Array(1e5).fill(Math.random())); };', entry: 'hog' });
    expect(result).toMatchObject({ ok: false, reason: 'memory' });
  });

  it('denies network access, child processes and the parent environment', async () => {
    const fetchResult = await pool.run({ code: 'exports.go = () => fetch("http://127.0.0.1:9/");', entry: 'go' });
    expect(fetchResult).toMatchObject({ ok: false, reason: 'network' });
    const socket = await pool.run({ code: 'exports.go = () => require("node:net").connect(9, "127.0.0.1");', entry: 'go' });
    expect(socket).toMatchObject({ ok: false, reason: 'network' });
    const spawn = await pool.run({ code: 'exports.go = () => require("node:child_process").execSync("echo hi");', entry: 'go' });
    expect(spawn.ok).toBe(false);
    process.env.KREPIS_ISOLATION_SECRET = 'shh';
    const env = await pool.run({ code: 'exports.go = () => process.env.KREPIS_ISOLATION_SECRET ?? "none";', entry: 'go' });
    delete process.env.KREPIS_ISOLATION_SECRET;
    expect(env).toMatchObject({ ok: true, value: 'none' });
  });

  it('runs at most `size` isolates at once', async () => {
    const single = new IsolationPool({ timeoutMs: 5000 }, 1);
    const code = 'exports.wait = () => new Promise((r) => setTimeout(() => r(Date.now()), 150));';
    const started = performance.now();
    await Promise.all([single.run({ code, entry: 'wait' }), single.run({ code, entry: 'wait' })]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });
});
