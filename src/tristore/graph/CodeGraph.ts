import type { EdgeKind, GraphNode, SymbolKind } from '../types.js';

/** A graph node: a file (by path) or a symbol (by id). */
export interface NodeRef {
  type: 'file' | 'symbol';
  id: string;
}

export interface GraphEdge {
  kind: EdgeKind;
  from: NodeRef;
  to: NodeRef;
}

/** One file's slice of the graph: its node, its symbols, and every edge that starts in it (symbols on no edge get no node). */
export interface FileGraph {
  path: string;
  isTest: boolean;
  symbols: { id: string; name: string; kind: SymbolKind }[];
  edges: GraphEdge[];
  /** Symbol ids this file had before (to remove the ones that are gone). Empty on a first index. */
  previousSymbols: string[];
}

export type Direction = 'out' | 'in';

/** Edge kinds that mean "uses": followed by `dependencies`/`dependents`. */
export const USE_EDGES: readonly EdgeKind[] = ['calls', 'references', 'extends', 'implements'];

/**
 * The code graph port: file and symbol nodes; imports, calls, references, extends, implements,
 * exports and tests edges. Adapters: SurrealDB embedded (file-backed) and SurrealDB server.
 */
export interface CodeGraph {
  /** Replaces each file's node, symbols and outgoing edges; removes `removed` files and their symbols. */
  writeFiles(files: readonly FileGraph[], removed: readonly { path: string; symbols: string[] }[]): Promise<void>;
  /**
   * Adds edges found after the file was written (the type checker's calls), creating missing
   * symbol nodes; an edge already present is not added twice. They start in a written file, so
   * its next `writeFiles` replaces them with the rest of its outgoing edges.
   */
  addEdges(edges: readonly GraphEdge[]): Promise<void>;
  /** Removes the edges `addEdges` added that start at `from` (the written ones stay), so that they can be found again. */
  removeAddedEdges(from: readonly NodeRef[]): Promise<void>;
  /**
   * Nodes reached from `start` along `kinds`, breadth first, up to `depth` hops. `beforeHop` runs
   * before each hop's edges are read, with that hop's frontier (to bring its edges up to date).
   */
  traverse(start: readonly NodeRef[], direction: Direction, kinds: readonly EdgeKind[], depth: number, beforeHop?: (frontier: readonly NodeRef[]) => Promise<void>): Promise<GraphNode[]>;
  /** Every edge of `kinds` within `depth` hops of `start`, both directions (the subgraph context ranking runs on). */
  neighborhood(start: readonly NodeRef[], kinds: readonly EdgeKind[], depth: number): Promise<GraphEdge[]>;
  /** Test files with a `tests` edge to any of `symbols`, or importing any of `files`. */
  testsOf(symbols: readonly string[], files: readonly string[]): Promise<string[]>;
  /** A shortest chain of symbol ids from `from` to `to` along use edges, or `undefined`. */
  path(from: string, to: string, maxDepth?: number): Promise<string[] | undefined>;
  counts(): Promise<{ files: number; symbols: number; edges: number }>;
  /** Deletes everything (a rebuild). */
  clear(): Promise<void>;
  close(): Promise<void>;
}
