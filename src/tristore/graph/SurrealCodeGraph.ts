import { RecordId, Surreal } from 'surrealdb';
import { createNodeEngines } from '@surrealdb/node';
import { TriStoreError, TriStoreErrorCode } from '../errors.js';
import type { EdgeKind, GraphNode } from '../types.js';
import { USE_EDGES, type CodeGraph, type Direction, type FileGraph, type GraphEdge, type NodeRef } from './CodeGraph.js';

const EDGE_KINDS: readonly EdgeKind[] = ['imports', 'calls', 'references', 'extends', 'implements', 'exports', 'tests'];

export interface SurrealGraphOptions {
  /** `surrealkv:///abs/path`, `mem://`, or a server URL (`ws://…`, `http://…`). */
  url: string;
  namespace: string;
  database: string;
  username?: string;
  password?: string;
}

const LOCK_SETTLE_MS = 300;
const LOCK_TIMEOUT_MS = 20_000;
const closing = new Map<string, Promise<void>>();
const settle = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** A second process holding the embedded store would make connect() wait forever: fail with a clear message instead. */
async function withLockTimeout<T>(connected: Promise<T>, url: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the store stayed locked for ${LOCK_TIMEOUT_MS / 1000} s (is another krepis process using ${url}?)`)), LOCK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([connected, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const rid = (node: NodeRef) => new RecordId(node.type, node.id);
/** One key per edge: its kind and both ends. */
const edgeKey = (edge: GraphEdge) => `${edge.kind}\0${edge.from.type}:${edge.from.id}\0${edge.to.type}:${edge.to.id}`;

/** `type:id`, the form adjacency lists hold a node in. */
const nodeKey = (node: NodeRef) => `${node.type}:${node.id}`;
/** The node a list entry names (the type has no colon; the id may). */
function fromKey(key: string): NodeRef | undefined {
  const colon = key.indexOf(':');
  const type = key.slice(0, colon);
  return type === 'file' || type === 'symbol' ? { type, id: key.slice(colon + 1) } : undefined;
}
/** The record keeping the number of adjacency-list edges (relation records are counted by table). */
const LOCAL_COUNT = 'meta:local';

/** A node's adjacency lists by edge kind, and how many outgoing entries they hold. */
interface Lists {
  lout?: Partial<Record<EdgeKind, string[]>>;
  lin?: Partial<Record<EdgeKind, string[]>>;
  local?: number;
}

/**
 * Splits a file's edges into those within the file, as adjacency lists of its file node and of
 * its symbols (by id), and those that leave it.
 */
function localEdges(file: FileGraph, symbols: ReadonlySet<string>): { fileNode: Lists | undefined; symbolNodes: Map<string, Lists>; crossing: GraphEdge[]; count: number } {
  const inFile = (node: NodeRef) => (node.type === 'symbol' ? symbols.has(node.id) : node.id === file.path);
  let fileNode: Lists | undefined;
  const symbolNodes = new Map<string, Lists>();
  const lists = (node: NodeRef): Lists => {
    if (node.type === 'file') return (fileNode ??= {});
    let found = symbolNodes.get(node.id);
    if (!found) symbolNodes.set(node.id, (found = {}));
    return found;
  };
  const crossing: GraphEdge[] = [];
  let count = 0;
  for (const edge of file.edges) {
    if (!inFile(edge.from) || !inFile(edge.to)) {
      crossing.push(edge);
      continue;
    }
    const start = lists(edge.from);
    ((start.lout ??= {})[edge.kind] ??= []).push(nodeKey(edge.to));
    start.local = (start.local ?? 0) + 1;
    ((lists(edge.to).lin ??= {})[edge.kind] ??= []).push(nodeKey(edge.from));
    count++;
  }
  return { fileNode, symbolNodes, crossing, count };
}

function nodeOf(value: unknown): NodeRef | undefined {
  if (!(value instanceof RecordId)) return undefined;
  const table = value.table.name;
  return table === 'file' || table === 'symbol' ? { type: table, id: String(value.id) } : undefined;
}

/**
 * The code graph on SurrealDB through the `surrealdb` SDK: embedded (`@surrealdb/node`,
 * file-backed) or a server, same queries. No SurrealDB indexes are defined: with one, the
 * embedded engine can keep the process alive after `close()` (surrealdb.js#673); every
 * query here walks record ids and graph edges instead.
 */
export class SurrealCodeGraph implements CodeGraph {
  private constructor(
    private readonly db: Surreal,
    private readonly embeddedUrl: string | undefined,
  ) {}

  static async open(options: SurrealGraphOptions): Promise<SurrealCodeGraph> {
    const embedded = !/^(wss?|https?):/.test(options.url);
    // The embedded engine releases its file lock some time after close() resolves: a reopen of
    // the same store in this process waits for the previous close, then for the lock.
    if (embedded) await closing.get(options.url);
    const db = new Surreal({ engines: createNodeEngines() });
    try {
      const connected = db.connect(options.url, options.username && options.password ? { authentication: { username: options.username, password: options.password } } : {});
      await (embedded ? withLockTimeout(connected, options.url) : connected);
      await db.use({ namespace: options.namespace, database: options.database });
      await db.query(['file', 'symbol', 'meta'].map((table) => `DEFINE TABLE IF NOT EXISTS ${table} SCHEMALESS;`).concat(EDGE_KINDS.map((kind) => `DEFINE TABLE IF NOT EXISTS ${kind} TYPE RELATION;`)).join('\n'));
    } catch (error) {
      await db.close().catch(() => undefined);
      throw new TriStoreError(TriStoreErrorCode.graphUnreachable, `cannot open the code graph at ${options.url}: ${(error as Error).message}`, {
        hint: 'Check that the SurrealDB server is running and `graph.url` is right, or remove `graph.url` to use the embedded store.',
        kind: 'runtime',
        cause: error,
      });
    }
    return new SurrealCodeGraph(db, embedded ? options.url : undefined);
  }

  /**
   * The whole update in one query and one transaction: a single round trip, so the engine writes
   * on its own threads while the caller keeps the event loop busy (an await per statement would
   * stall behind that work), and a kill leaves either all of it or none.
   *
   * An edge between two nodes of the same file (most of them: a declaration file's types refer
   * to each other) is kept on its two nodes as adjacency lists (`lout` on its start, `lin` on its
   * end), which the file's own rewrite replaces; only edges that leave their file are relation
   * records. A relation record costs the engine about 70 µs to write, a list entry next to nothing.
   */
  async writeFiles(files: readonly FileGraph[], removed: readonly { path: string; symbols: string[] }[]): Promise<void> {
    const staleFiles: RecordId[] = [];
    const staleSymbols: RecordId[] = [];
    const gone: RecordId[] = [];
    const reset: RecordId[] = [];
    const fileRows: Record<string, unknown>[] = [];
    const ownRows: Record<string, unknown>[] = [];
    /** Symbols written with their lists (`ownRows`): the others on crossing edges are only ensured to exist. */
    const own = new Set<string>();
    const crossing: GraphEdge[] = [];
    let added = 0;
    for (const file of files) {
      const keep = new Set(file.symbols.map((symbol) => symbol.id));
      const local = localEdges(file, keep);
      added += local.count;
      fileRows.push({ id: new RecordId('file', file.path), path: file.path, test: file.isTest, ...local.fileNode });
      for (const [id, lists] of local.symbolNodes) {
        own.add(id);
        ownRows.push({ id: new RecordId('symbol', id), ...lists });
      }
      crossing.push(...local.crossing);
      staleFiles.push(new RecordId('file', file.path));
      for (const id of file.previousSymbols) {
        if (!keep.has(id)) gone.push(new RecordId('symbol', id));
        else {
          staleSymbols.push(new RecordId('symbol', id));
          if (!local.symbolNodes.has(id)) reset.push(new RecordId('symbol', id));
        }
      }
    }
    for (const file of removed) gone.push(new RecordId('file', file.path), ...file.symbols.map((id) => new RecordId('symbol', id)));
    // Only symbols on an edge become nodes: the others would never be reached by a query.
    const endpoints = new Set(crossing.flatMap((edge) => [edge.from, edge.to]).filter((node) => node.type === 'symbol' && !own.has(node.id)).map((node) => node.id));
    const bindings: Record<string, unknown> = { staleFiles, staleSymbols, gone, reset, files: fileRows, own: ownRows, symbols: [...endpoints].map((id) => ({ id: new RecordId('symbol', id) })), added };
    for (const kind of EDGE_KINDS) bindings[kind] = crossing.filter((edge) => edge.kind === kind).map((edge) => ({ in: rid(edge.from), out: rid(edge.to) }));
    await this.db.query(
      [
        'BEGIN TRANSACTION',
        // One read of each node the write replaces: its relation edges out (a symbol only starts use edges) and its list count.
        `LET $prev = array::concat((SELECT local, [${EDGE_KINDS.map((kind) => `->${kind}`).join(', ')}] AS out FROM $staleFiles), (SELECT local, [${USE_EDGES.map((kind) => `->${kind}`).join(', ')}] AS out FROM $staleSymbols), (SELECT local, [] AS out FROM $gone))`,
        'LET $old = array::flatten(array::flatten($prev.out))',
        'LET $dropped = math::sum(SELECT VALUE local FROM $prev WHERE local)',
        'DELETE $old RETURN NONE',
        'DELETE $gone RETURN NONE',
        'UPDATE $reset SET lout = NONE, lin = NONE, local = NONE RETURN NONE',
        'INSERT INTO file $files ON DUPLICATE KEY UPDATE test = $input.test, lout = $input.lout, lin = $input.lin, local = $input.local RETURN NONE',
        'INSERT IGNORE INTO symbol $symbols RETURN NONE',
        'INSERT INTO symbol $own ON DUPLICATE KEY UPDATE lout = $input.lout, lin = $input.lin, local = $input.local RETURN NONE',
        `UPSERT ${LOCAL_COUNT} SET edges += $added - $dropped RETURN NONE`,
        ...EDGE_KINDS.map((kind) => `INSERT RELATION INTO ${kind} $${kind} RETURN NONE`),
        'COMMIT TRANSACTION',
      ].join(';\n'),
      bindings,
    );
  }

  /**
   * Each edge gets an id made of its kind and ends, so a repeated addition is ignored; an edge the
   * file's own write already holds (with an engine-made id) is left out after reading its start's edges.
   */
  async addEdges(additions: readonly GraphEdge[]): Promise<void> {
    if (additions.length === 0) return;
    const starts = [...new Map(additions.map((edge) => [`${edge.from.type}:${edge.from.id}`, edge.from])).values()];
    const present = new Set((await this.step(starts, 'out', [...new Set(additions.map((edge) => edge.kind))])).map((edge) => edgeKey(edge)));
    const edges = additions.filter((edge) => !present.has(edgeKey(edge)));
    if (edges.length === 0) return;
    const endpoints = new Set(edges.flatMap((edge) => [edge.from, edge.to]).filter((node) => node.type === 'symbol').map((node) => node.id));
    const bindings: Record<string, unknown> = { symbols: [...endpoints].map((id) => ({ id: new RecordId('symbol', id) })) };
    const kinds = [...new Set(edges.map((edge) => edge.kind))];
    for (const kind of kinds) bindings[kind] = edges.filter((edge) => edge.kind === kind).map((edge) => ({ id: new RecordId(kind, [edge.from.type, edge.from.id, edge.to.type, edge.to.id]), in: rid(edge.from), out: rid(edge.to), added: true }));
    await this.db.query(
      ['BEGIN TRANSACTION', 'INSERT IGNORE INTO symbol $symbols RETURN NONE', ...kinds.map((kind) => `INSERT RELATION IGNORE INTO ${kind} $${kind} RETURN NONE`), 'COMMIT TRANSACTION'].join(';\n'),
      bindings,
    );
  }

  /** Walks out of `from` along each kind and deletes the edges marked `added` (no table scan). */
  async removeAddedEdges(from: readonly NodeRef[]): Promise<void> {
    if (from.length === 0) return;
    await this.db.query(
      ['BEGIN TRANSACTION', `LET $old = array::flatten(array::flatten(SELECT VALUE [${EDGE_KINDS.map((kind) => `->${kind}[WHERE added = true]`).join(', ')}] FROM $from))`, 'DELETE $old RETURN NONE', 'COMMIT TRANSACTION'].join(';\n'),
      { from: from.map(rid) },
    );
  }

  /** One query per hop: the frontier's neighbours along each edge kind, relation records then adjacency lists. */
  private async step(frontier: readonly NodeRef[], direction: Direction, kinds: readonly EdgeKind[]): Promise<{ from: NodeRef; to: NodeRef; kind: EdgeKind }[]> {
    if (frontier.length === 0) return [];
    const arrow = direction === 'out' ? '->' : '<-';
    const end = direction === 'out' ? 'out' : 'in';
    const list = direction === 'out' ? 'lout' : 'lin';
    const fields = kinds.map((kind) => `${arrow}${kind}.${end} AS ${kind}, ${list}.${kind} AS local_${kind}`).join(', ');
    const [rows = []] = await this.db.query<[Record<string, unknown>[]]>(`SELECT id, ${fields} FROM $ids`, { ids: frontier.map(rid) }).collect();
    const found: { from: NodeRef; to: NodeRef; kind: EdgeKind }[] = [];
    for (const row of rows) {
      const from = nodeOf(row['id']);
      if (!from) continue;
      for (const kind of kinds) {
        for (const value of (row[kind] as unknown[] | undefined) ?? []) {
          const to = nodeOf(value);
          if (to) found.push({ from, to, kind });
        }
        for (const key of (row[`local_${kind}`] as string[] | undefined) ?? []) {
          const to = fromKey(key);
          if (to) found.push({ from, to, kind });
        }
      }
    }
    return found;
  }

  async traverse(start: readonly NodeRef[], direction: Direction, kinds: readonly EdgeKind[], depth: number, beforeHop?: (frontier: readonly NodeRef[]) => Promise<void>): Promise<GraphNode[]> {
    const seen = new Set(start.map((node) => `${node.type}:${node.id}`));
    const result: GraphNode[] = [];
    let frontier = [...start];
    for (let hop = 1; hop <= depth && frontier.length > 0; hop++) {
      await beforeHop?.(frontier);
      const next: NodeRef[] = [];
      for (const edge of await this.step(frontier, direction, kinds)) {
        const key = `${edge.to.type}:${edge.to.id}`;
        if (seen.has(key)) continue;
        seen.add(key);
        next.push(edge.to);
        result.push({ id: edge.to.id, type: edge.to.type, depth: hop, via: edge.kind });
      }
      frontier = next;
    }
    return result;
  }

  async neighborhood(start: readonly NodeRef[], kinds: readonly EdgeKind[], depth: number): Promise<GraphEdge[]> {
    const seen = new Set(start.map((node) => `${node.type}:${node.id}`));
    const edges = new Map<string, GraphEdge>();
    let frontier = [...start];
    for (let hop = 0; hop < depth && frontier.length > 0; hop++) {
      const [outgoing, incoming] = await Promise.all([this.step(frontier, 'out', kinds), this.step(frontier, 'in', kinds)]);
      const next: NodeRef[] = [];
      const visit = (edge: GraphEdge, reached: NodeRef) => {
        edges.set(edgeKey(edge), edge);
        const key = `${reached.type}:${reached.id}`;
        if (!seen.has(key)) {
          seen.add(key);
          next.push(reached);
        }
      };
      for (const edge of outgoing) visit(edge, edge.to);
      for (const edge of incoming) visit({ kind: edge.kind, from: edge.to, to: edge.from }, edge.to);
      frontier = next;
    }
    return [...edges.values()];
  }

  async testsOf(symbols: readonly string[], files: readonly string[]): Promise<string[]> {
    const start: NodeRef[] = [...symbols.map((id) => ({ type: 'symbol' as const, id })), ...files.map((id) => ({ type: 'file' as const, id }))];
    if (start.length === 0) return [];
    const edges = await this.step(start, 'in', ['tests', 'imports']);
    if (edges.length === 0) return [];
    const [rows = []] = await this.db.query<[{ path: string; test: boolean }[]]>('SELECT * FROM $ids', { ids: edges.map((edge) => rid(edge.to)) }).collect();
    return [...new Set(rows.filter((row) => row.test).map((row) => row.path))].sort();
  }

  async path(from: string, to: string, maxDepth = 6): Promise<string[] | undefined> {
    const parent = new Map<string, string>([[from, '']]);
    let frontier: NodeRef[] = [{ type: 'symbol', id: from }];
    for (let hop = 0; hop < maxDepth && frontier.length > 0 && !parent.has(to); hop++) {
      const next: NodeRef[] = [];
      for (const edge of await this.step(frontier, 'out', USE_EDGES)) {
        if (edge.to.type !== 'symbol' || parent.has(edge.to.id)) continue;
        parent.set(edge.to.id, edge.from.id);
        next.push(edge.to);
      }
      frontier = next;
    }
    if (!parent.has(to)) return undefined;
    const chain = [to];
    for (let node = parent.get(to); node; node = parent.get(node)) chain.unshift(node);
    return chain;
  }

  async counts(): Promise<{ files: number; symbols: number; edges: number }> {
    const tables = ['file', 'symbol', ...EDGE_KINDS];
    const query = [...tables.map((table) => `(SELECT count() FROM ${table} GROUP ALL)[0].count ?? 0`), `${LOCAL_COUNT}.edges ?? 0`].join(';\n');
    const counts = (await this.db.query(query).collect()) as number[];
    const edges = counts.slice(2).reduce((sum, count) => sum + count, 0);
    return { files: counts[0] ?? 0, symbols: counts[1] ?? 0, edges };
  }

  async clear(): Promise<void> {
    await this.db.query(['file', 'symbol', 'meta', ...EDGE_KINDS].map((table) => `DELETE ${table} RETURN NONE;`).join('\n'));
  }

  async close(): Promise<void> {
    const closed = this.db.close();
    if (this.embeddedUrl) closing.set(this.embeddedUrl, closed.then(() => settle(LOCK_SETTLE_MS)).catch(() => undefined));
    await closed;
  }
}
