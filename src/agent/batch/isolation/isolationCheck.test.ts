import { describe, expect, it } from 'vitest';
import type { BatchItem, ItemExecutor } from '../types.js';
import { IsolationPool } from './IsolationPool.js';
import { withIsolationCheck } from './isolationCheck.js';

const item = { id: '0000001', target: { kind: 'file', file: 'src/a.ts' } } as BatchItem;
const context = { signal: new AbortController().signal, root: '/nowhere' };
const producing = (after: string, file = 'src/a.ts'): ItemExecutor => async () => ({
  status: 'verified',
  attempts: 1,
  stages: [{ name: 'types', ok: true, issues: 0 }],
  change: { files: [{ path: file, before: '', after }], diff: '' },
  tokens: { prompt: 1, completion: 1 },
  timeMs: 1,
});

describe('isolation check of verified changes', () => {
  const pool = new IsolationPool({ timeoutMs: 5000, memoryMb: 32 }, 2);
  const impatient = new IsolationPool({ timeoutMs: 400, memoryMb: 32 }, 1);

  it('passes a module that loads, with its imports stubbed', async () => {
    const code = "import { helper } from './helper.js';\nimport path from 'node:path';\nexport const value: string = path.join('a', String(helper(1)));\nawait Promise.resolve();\n";
    const outcome = await withIsolationCheck(producing(code), pool)(item, context);
    expect(outcome.status).toBe('verified');
    expect(outcome.stages.at(-1)).toEqual({ name: 'isolation', ok: true, issues: 0 });
  });

  it('fails the item when the module hangs, exhausts memory or reaches the network at load time', async () => {
    const cases = [
      ['export const x = (() => { for (;;) {} })();', 'timeout'],
      ['const a: number[][] = []; for (;;) a.push(new Array(1e5).fill(1));', 'memory'],
      ["export const r = await fetch('http://127.0.0.1:9/');", 'network'],
    ] as const;
    for (const [code, reason] of cases) {
      const outcome = await withIsolationCheck(producing(code), reason === 'timeout' ? impatient : pool)(item, context);
      expect(outcome.status, reason).toBe('failed');
      expect(outcome.change).toBeUndefined();
      expect(outcome.error?.code).toBe('KREPIS_BATCH_ISOLATION_LIMIT');
      expect(outcome.error?.message).toContain(reason === 'network' ? 'network access is disabled' : `${reason} limit`);
      expect(outcome.stages.at(-1)).toEqual({ name: 'isolation', ok: false, issues: 1 });
    }
  });

  it('does not run test files or declarations', async () => {
    const outcome = await withIsolationCheck(producing('for (;;) {}', 'src/a.test.ts'), pool)(item, context);
    expect(outcome.status).toBe('verified');
  });
});
