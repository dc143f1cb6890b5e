import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { krepis } from '../../../test/cliHarness.js';
import { createFixtureProject, type FixtureProject } from '../../tristore/testing/fixtureProject.js';

let project: FixtureProject;
beforeAll(async () => {
  project = await createFixtureProject();
});
afterAll(async () => project.dispose());

describe('Tri-Store commands', () => {
  it('krepis index [dir] --json reports files, symbols, edges, vectors, skipped and time', async () => {
    const run = await krepis(['index', project.root, '--json']);
    expect(run.code).toBe(0);
    const report = run.json<{ files: { total: number; parsed: number }; symbols: number; edges: number; vectors: number; skipped: object; ms: number }>();
    expect(report).toMatchObject({ files: { total: 5, parsed: 5 }, symbols: 6, vectors: 6, skipped: {} });
    expect(report.edges).toBeGreaterThan(0);
    const human = await krepis(['index', project.root]);
    expect(human.stdout).toMatch(/files +5 \(0 parsed, 5 unchanged, 0 removed\)\nsymbols +6\nedges +\d+\nvectors +6\nskipped +none\ntime +\d+ ms/);
  });

  it('krepis symbol, graph and context answer from the index, with --json', async () => {
    const symbol = await krepis(['--cwd', project.root, 'symbol', 'Calculator.plus', '--json']);
    expect(symbol.json<{ symbols: { id: string; doc: { summary: string } }[] }>().symbols).toMatchObject([{ id: 'src/calc.ts#Calculator.plus', doc: { summary: 'Adds to the last result.' } }]);
    const graph = await krepis(['--cwd', project.root, 'graph', 'add', '--dependents', '--depth', '1', '--json']);
    expect(graph.json<{ nodes: { id: string }[] }>().nodes.map((node) => node.id).sort()).toEqual(['src/calc.ts#Calculator.plus', 'src/math.ts#mul']);
    const chain = await krepis(['--cwd', project.root, 'graph', 'Calculator.times', '--path-to', 'add', '--json']);
    expect(chain.json<{ path: string[] }>().path).toEqual(['src/calc.ts#Calculator.times', 'src/math.ts#mul', 'src/math.ts#add']);
    const context = await krepis(['--cwd', project.root, 'context', 'speed up mul', '--budget', '300', '--json']);
    const assembled = context.json<{ items: { mode: string; symbol: string; tokens: number }[]; totalTokens: number; budget: number }>();
    expect(assembled.items[0]).toMatchObject({ mode: 'implementer', symbol: 'src/math.ts#mul' });
    expect(assembled.totalTokens).toBeLessThanOrEqual(300);
    const human = await krepis(['--cwd', project.root, 'context', 'speed up mul', '--budget', '300']);
    expect(human.stdout).toContain('── implementer src/math.ts#mul');
  });

  it('bad input exits with a usage error and a hint', async () => {
    const missing = await krepis(['index', `${project.root}/nope`, '--json']);
    expect(missing.code).toBe(2);
    expect(missing.json<{ error: { code: string } }>().error.code).toBe('KREPIS_TRISTORE_NOT_A_DIRECTORY');
    const unknown = await krepis(['--cwd', project.root, 'graph', 'noSuchThing', '--dependencies']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('KREPIS_TRISTORE_SYMBOL_NOT_FOUND');
    const none = await krepis(['--cwd', project.root, 'symbol', 'zzz']);
    expect(none.code).toBe(1);
  });
});
