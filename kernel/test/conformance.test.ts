import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkApp, checkControllers, checkServices, checkSources, checkStorage } from '../src/conformance/index.js';
import { defineController, MemoryStorage, type Storage } from '../src/index.js';
import { todosController, todosService } from './todoApp.js';

/** A broken adapter that forgets the tenant: the isolation check must catch it. */
class TenantBlindStorage extends MemoryStorage {
  override get(_tenant: string, key: string) {
    return super.get('shared', key);
  }
  override put(_tenant: string, key: string, value: Uint8Array, condition?: { ifVersion?: number }) {
    return super.put('shared', key, value, condition);
  }
  override list(_tenant: string, options?: { prefix?: string }) {
    return super.list('shared', options);
  }
  override batch(_tenant: string, ops: Parameters<Storage['batch']>[1]) {
    return super.batch('shared', ops);
  }
  override delete(_tenant: string, key: string, condition?: { ifVersion?: number }) {
    return super.delete('shared', key, condition);
  }
}

describe('conformance', () => {
  it('passes a correct storage adapter and catches one that leaks across tenants', async () => {
    expect(await checkStorage(() => new MemoryStorage(), { runs: 20 })).toEqual({ ok: true });
    const leaky = await checkStorage(() => new TenantBlindStorage(), { runs: 50, seed: 1 });
    expect(leaky.ok).toBe(false);
    if (!leaky.ok) expect(leaky.issues[0]?.rule).toMatch(/storage-(isolation|consistency|cas)/);
  });

  it('flags the real clock, timers, randomness and direct I/O with file and line', () => {
    const result = checkSources([
      { path: 'src/services/bad.ts', text: "import { readFile } from 'node:fs/promises';\nconst t = Date.now();\n// Date.now() in a comment is fine\nsetTimeout(() => {}, 5);\nconst r = Math.random();\nawait fetch('http://x');" },
      { path: 'src/services/bad.test.ts', text: 'Date.now();' },
      { path: 'src/services/good.ts', text: 'const t = clock.now(); await ports.net.fetch({ url });' },
    ]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((issue) => `${issue.line}:${issue.rule}`)).toEqual(['1:no-direct-io', '2:no-direct-clock', '4:no-direct-timers', '5:no-direct-random', '6:no-direct-fetch']);
  });

  it('checks controller and service shapes', () => {
    expect(checkControllers([todosController])).toEqual({ ok: true });
    expect(checkServices([todosService])).toEqual({ ok: true });
    const clash = defineController({ prefix: '/todos', routes: (route) => [route.get('/:other', () => 1)] });
    const result = checkControllers([todosController, clash, { kind: 'nope' }]);
    expect(result.ok ? [] : result.issues.map((issue) => issue.rule)).toEqual(['route-duplicate', 'controller-shape']);
    expect(checkServices([todosService, todosService]).ok).toBe(false);
  });

  it('checkApp scans an app directory', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'krepis-conf-'));
    try {
      await mkdir(path.join(root, 'src', 'services'), { recursive: true });
      await writeFile(path.join(root, 'src', 'services', 'clock.ts'), 'export const t = () => Date.now();\n');
      await writeFile(path.join(root, 'src', 'main.ts'), 'setTimeout(() => {}, 1);\n');
      const result = await checkApp({ root, controllers: [todosController], services: [todosService] });
      expect(result).toEqual({ ok: false, issues: [expect.objectContaining({ rule: 'no-direct-clock', file: 'src/services/clock.ts', line: 1 })] });
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
