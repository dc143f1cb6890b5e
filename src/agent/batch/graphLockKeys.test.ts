import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../config/index.js';
import { openTriStore } from '../../tristore/index.js';
import { graphLockKeys } from './graphLockKeys.js';
import { importLockKeys } from './importLockKeys.js';
import { agentProject } from './test/agentProject.js';
import type { BatchItem, BatchTarget } from './types.js';

const item = (target: BatchTarget): BatchItem => ({ id: '1', target, state: 'pending', runs: 0, attempts: 0, stages: [], tokens: { prompt: 0, completion: 0 }, timeMs: 0 });

describe('lock keys', () => {
  it('hold the target file, its imports, and (with the code graph) the files of what it uses and what uses it', async () => {
    using project = agentProject({
      'src/math.ts': 'export function add(a: number, b: number): number {\n  return a + b;\n}\n',
      'src/total.ts': "import { add } from './math.js';\n\nexport function total(): number {\n  return add(1, 2);\n}\n",
      'src/report.ts': "import { total } from './total.js';\n\nexport const line = `total ${total()}`;\n",
      'src/alone.ts': 'export const alone = 1;\n',
    });
    const imports = importLockKeys(project.root);
    expect(await imports(item({ kind: 'file', file: 'src/total.ts' }))).toEqual(['src/total.ts', 'src/math.ts']);
    expect(await imports(item({ kind: 'file', file: 'src/alone.ts' }))).toEqual(['src/alone.ts']);

    const config = await resolveConfig({ cwd: project.root, env: {} });
    await using store = await openTriStore(config);
    await store.update();
    const graph = graphLockKeys(store, imports);
    // total is used by report.ts and uses math.ts: all three files are locked
    expect([...(await graph(item({ kind: 'symbol', file: 'src/total.ts', symbol: 'total' })))].sort()).toEqual(['src/math.ts', 'src/report.ts', 'src/total.ts']);
    // add is used by total.ts, which an import walk from math.ts alone would miss
    expect([...(await graph(item({ kind: 'symbol', file: 'src/math.ts', symbol: 'add' })))].sort()).toEqual(['src/math.ts', 'src/total.ts']);
    expect(await graph(item({ kind: 'symbol', file: 'src/new.ts', symbol: 'fresh' }))).toEqual(['src/new.ts']);
  });
});
