import type { GraphEdge, NodeRef } from '../graph/CodeGraph.js';
import type { FileEntry } from '../symbols/SymbolIndex.js';
import type { EdgeKind, SymbolRecord } from '../types.js';

/** What the linker needs to know about another file: its top-level symbols by name and its re-exports. */
export interface FileExports {
  symbols: ReadonlyMap<string, SymbolRecord>;
  entry: FileEntry;
}

export type ExportsLookup = (file: string) => FileExports | undefined;

const MAX_REEXPORT_DEPTH = 4;

/** The symbol `name` exported by `file`, following `export … from` chains. */
function exported(lookup: ExportsLookup, file: string, name: string, depth = 0): SymbolRecord | undefined {
  const target = lookup(file);
  if (!target || depth > MAX_REEXPORT_DEPTH) return undefined;
  const own = target.symbols.get(name);
  if (own) return own;
  for (const item of target.entry.imports) {
    if (!item.reexport || !item.target) continue;
    const binding = item.bindings.find((entry) => entry.local === name || entry.imported === '*');
    if (!binding) continue;
    const found = exported(lookup, item.target, binding.imported === '*' ? name : binding.imported, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * Turns one file's imports and name references into graph edges: names resolve through the
 * file's own declarations, its imports (following re-exports) and namespace imports; `this.x`
 * resolves to a member of the enclosing class. Names that resolve nowhere (globals, packages)
 * are dropped. A test file also gets a `tests` edge to every project symbol it uses.
 */
export function linkFile(entry: FileEntry, own: ReadonlyMap<string, SymbolRecord>, lookup: ExportsLookup): GraphEdge[] {
  const fileNode: NodeRef = { type: 'file', id: entry.path };
  const edges: GraphEdge[] = [];
  const seen = new Set<string>();
  const add = (kind: EdgeKind, from: NodeRef, to: NodeRef) => {
    const key = `${kind}\0${from.id}\0${to.id}`;
    if (seen.has(key) || from.id === to.id) return;
    seen.add(key);
    edges.push({ kind, from, to });
  };
  const bindings = new Map<string, { target: string; imported: string }>();
  for (const item of entry.imports) {
    if (!item.target) continue;
    add('imports', fileNode, { type: 'file', id: item.target });
    if (item.reexport) continue;
    for (const binding of item.bindings) {
      bindings.set(binding.local, { target: item.target, imported: binding.imported });
      const symbol = entry.isTest && binding.imported !== '*' ? exported(lookup, item.target, binding.imported) : undefined;
      if (symbol) add('tests', fileNode, { type: 'symbol', id: symbol.id });
    }
  }
  for (const symbol of own.values()) if (symbol.exported && !symbol.qualifiedName.includes('.')) add('exports', fileNode, { type: 'symbol', id: symbol.id });
  const resolveName = (name: string, through: string | undefined, from: string | null): SymbolRecord | undefined => {
    if (through === 'this') return from ? own.get(`${from.slice(0, from.lastIndexOf('.'))}.${name}`) : undefined;
    if (through) {
      const namespace = bindings.get(through);
      if (namespace?.imported === '*') return exported(lookup, namespace.target, name);
      // `orders.create()` on an object literal's method, the variable declared here or imported by name.
      const holder = namespace ? (namespace.imported === 'default' ? undefined : exported(lookup, namespace.target, namespace.imported)) : own.get(through);
      if (holder?.kind !== 'variable') return undefined;
      return (holder.file === entry.path ? own : lookup(holder.file)?.symbols)?.get(`${holder.qualifiedName}.${name}`);
    }
    const binding = bindings.get(name);
    if (binding) return binding.imported === '*' || binding.imported === 'default' ? undefined : exported(lookup, binding.target, binding.imported);
    return own.get(name) ?? (from?.includes('.') ? own.get(`${from.slice(0, from.indexOf('.'))}.${name}`) : undefined);
  };
  for (const reference of entry.references) {
    const target = resolveName(reference.name, reference.through, reference.from);
    if (!target) continue;
    const from: NodeRef = reference.from ? { type: 'symbol', id: `${entry.path}#${reference.from}` } : fileNode;
    add(reference.kind, from, { type: 'symbol', id: target.id });
    if (entry.isTest) add('tests', fileNode, { type: 'symbol', id: target.id });
  }
  return edges;
}
