import { describe, expect, it } from 'vitest';
import type { CodeGraph, FileGraph, GraphEdge } from './CodeGraph.js';

const sym = (id: string) => ({ type: 'symbol' as const, id });
const file = (id: string) => ({ type: 'file' as const, id });
const edge = (kind: GraphEdge['kind'], from: GraphEdge['from'], to: GraphEdge['to']): GraphEdge => ({ kind, from, to });

/** lib.ts: a ← b ← c (calls); app.ts: App extends Base, run calls c; app.test.ts tests App. */
function project(): FileGraph[] {
  return [
    { path: 'lib.ts', isTest: false, previousSymbols: [], symbols: ['a', 'b', 'c', 'Base'].map((name) => ({ id: `lib.ts#${name}`, name, kind: 'function' as const })), edges: [edge('calls', sym('lib.ts#b'), sym('lib.ts#a')), edge('calls', sym('lib.ts#c'), sym('lib.ts#b')), edge('exports', file('lib.ts'), sym('lib.ts#c'))] },
    {
      path: 'app.ts',
      isTest: false,
      previousSymbols: [],
      symbols: [{ id: 'app.ts#App', name: 'App', kind: 'class' }, { id: 'app.ts#App.run', name: 'run', kind: 'method' }],
      edges: [edge('imports', file('app.ts'), file('lib.ts')), edge('extends', sym('app.ts#App'), sym('lib.ts#Base')), edge('calls', sym('app.ts#App.run'), sym('lib.ts#c'))],
    },
    { path: 'app.test.ts', isTest: true, previousSymbols: [], symbols: [], edges: [edge('imports', file('app.test.ts'), file('app.ts')), edge('tests', file('app.test.ts'), sym('app.ts#App'))] },
  ];
}

/** The conformance suite every `CodeGraph` adapter passes. `open` gives a fresh, empty graph. */
export function describeCodeGraph(name: string, open: () => Promise<CodeGraph>): void {
  describe(`CodeGraph conformance: ${name}`, () => {
    const withGraph = (test: (graph: CodeGraph) => Promise<void>) => async () => {
      const graph = await open();
      try {
        await graph.writeFiles(project(), []);
        await test(graph);
      } finally {
        await graph.close();
      }
    };

    it('walks dependencies and dependents to depth k', withGraph(async (graph) => {
      const deps = await graph.traverse([sym('app.ts#App.run')], 'out', ['calls'], 3);
      expect(deps.map((node) => [node.id, node.depth])).toEqual([['lib.ts#c', 1], ['lib.ts#b', 2], ['lib.ts#a', 3]]);
      const oneHop = await graph.traverse([sym('lib.ts#a')], 'in', ['calls'], 1);
      expect(oneHop.map((node) => node.id)).toEqual(['lib.ts#b']);
      const importers = await graph.traverse([file('lib.ts')], 'in', ['imports'], 2);
      expect(importers.map((node) => node.id)).toEqual(['app.ts', 'app.test.ts']);
      const frontiers: string[][] = [];
      await graph.traverse([sym('app.ts#App.run')], 'out', ['calls'], 2, async (frontier) => void frontiers.push(frontier.map((node) => node.id)));
      expect(frontiers).toEqual([['app.ts#App.run'], ['lib.ts#c']]);
    }));

    it('finds the tests of a symbol and of an imported file, and paths between symbols', withGraph(async (graph) => {
      expect(await graph.testsOf(['app.ts#App'], [])).toEqual(['app.test.ts']);
      expect(await graph.testsOf([], ['app.ts'])).toEqual(['app.test.ts']);
      expect(await graph.testsOf(['lib.ts#a'], [])).toEqual([]);
      expect(await graph.path('app.ts#App.run', 'lib.ts#a')).toEqual(['app.ts#App.run', 'lib.ts#c', 'lib.ts#b', 'lib.ts#a']);
      expect(await graph.path('lib.ts#a', 'app.ts#App.run')).toBeUndefined();
    }));

    it('rewrites a file: its outgoing edges are replaced, removed symbols take their edges along', withGraph(async (graph) => {
      const lib = project()[0] as FileGraph;
      await graph.writeFiles([{ ...lib, previousSymbols: lib.symbols.map((item) => item.id), symbols: lib.symbols.filter((item) => item.id !== 'lib.ts#b'), edges: [edge('calls', sym('lib.ts#c'), sym('lib.ts#a'))] }], []);
      expect((await graph.traverse([sym('lib.ts#c')], 'out', ['calls'], 2)).map((node) => node.id)).toEqual(['lib.ts#a']);
      expect(await graph.traverse([sym('lib.ts#a')], 'in', ['calls'], 1)).toEqual([{ id: 'lib.ts#c', type: 'symbol', depth: 1, via: 'calls' }]);
      expect((await graph.traverse([sym('app.ts#App.run')], 'out', ['calls'], 1)).map((node) => node.id)).toEqual(['lib.ts#c']);
      expect((await graph.counts()).edges).toBe(6);
      // Again with no edges at all: the kept symbols lose the edges between them, the edges into the file stay.
      await graph.writeFiles([{ ...lib, previousSymbols: lib.symbols.map((item) => item.id), symbols: lib.symbols.filter((item) => item.id !== 'lib.ts#b'), edges: [] }], []);
      expect(await graph.traverse([sym('lib.ts#a')], 'in', ['calls'], 1)).toEqual([]);
      expect(await graph.traverse([sym('lib.ts#c')], 'out', ['calls'], 1)).toEqual([]);
      expect(await graph.traverse([sym('lib.ts#c')], 'in', ['calls'], 1)).toEqual([{ id: 'app.ts#App.run', type: 'symbol', depth: 1, via: 'calls' }]);
      expect((await graph.counts()).edges).toBe(5);
    }));

    it('removes a deleted file with its symbols and every edge touching them', withGraph(async (graph) => {
      await graph.writeFiles([], [{ path: 'app.ts', symbols: ['app.ts#App', 'app.ts#App.run'] }]);
      expect(await graph.traverse([sym('lib.ts#c')], 'in', ['calls'], 1)).toEqual([]);
      expect(await graph.testsOf(['app.ts#App'], ['app.ts'])).toEqual([]);
      const counts = await graph.counts();
      expect(counts).toEqual({ files: 2, symbols: 4, edges: 3 });
    }));

    it('adds edges once, and a rewrite of their file replaces them', withGraph(async (graph) => {
      const added = [edge('calls', sym('app.ts#App.run'), sym('lib.ts#a')), edge('calls', sym('app.ts#App.run'), sym('new.ts#fresh'))];
      await graph.addEdges(added);
      // Again, with an edge the file's write already has (the linker found it without the checker).
      await graph.addEdges([...added, edge('calls', sym('app.ts#App.run'), sym('lib.ts#c'))]);
      expect((await graph.traverse([sym('app.ts#App.run')], 'out', ['calls'], 1)).map((node) => node.id).sort()).toEqual(['lib.ts#a', 'lib.ts#c', 'new.ts#fresh']);
      expect((await graph.counts()).edges).toBe(10);
      await graph.removeAddedEdges([sym('lib.ts#c'), sym('app.ts#App.run')]);
      expect((await graph.traverse([sym('app.ts#App.run')], 'out', ['calls'], 1)).map((node) => node.id)).toEqual(['lib.ts#c']);
      await graph.addEdges(added);
      const app = project()[1] as FileGraph;
      await graph.writeFiles([{ ...app, previousSymbols: app.symbols.map((item) => item.id) }], []);
      expect((await graph.traverse([sym('app.ts#App.run')], 'out', ['calls'], 1)).map((node) => node.id)).toEqual(['lib.ts#c']);
      // The rewrite replaced the file's own edges too (its import of lib.ts is there once).
      expect((await graph.counts()).edges).toBe(8);
    }));

    it('returns the neighbourhood edges in both directions', withGraph(async (graph) => {
      const edges = await graph.neighborhood([sym('lib.ts#b')], ['calls'], 1);
      expect(edges.map((item) => `${item.from.id}->${item.to.id}`).sort()).toEqual(['lib.ts#b->lib.ts#a', 'lib.ts#c->lib.ts#b']);
    }));
  });
}
