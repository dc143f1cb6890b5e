/** What a declaration is. */
export type SymbolKind = 'function' | 'class' | 'interface' | 'type' | 'enum' | 'variable' | 'method' | 'property' | 'namespace';

/** A JSDoc comment parsed into fields. */
export interface DocComment {
  summary: string;
  params: { name: string; text: string }[];
  returns?: string;
  throws: string[];
  examples: string[];
  deprecated?: string;
  see: string[];
  /** Every other tag (`@invariant`, `@sideEffects`, `@concurrency`, …) by name, without the `@`. */
  tags: Record<string, string[]>;
}

/** A summary and tags the model wrote for a symbol without JSDoc; stored in the index only. */
export interface ShadowDoc {
  summary: string;
  tags: string[];
}

/** One declaration in the symbol index. */
export interface SymbolRecord {
  /** `<file>#<qualifiedName>`, unique in the project. */
  id: string;
  name: string;
  /** Name inside its module, with enclosing classes and namespaces: `Parser.parse`. */
  qualifiedName: string;
  kind: SymbolKind;
  /** Project-relative, `/`-separated. */
  file: string;
  /** 1-based lines, inclusive; `start`/`end` are character offsets into the file. */
  range: { startLine: number; endLine: number; start: number; end: number };
  signature: string;
  exported: boolean;
  /** Content hash of the declaration's text. */
  hash: string;
  doc?: DocComment;
  shadow?: ShadowDoc;
}

export type EdgeKind = 'imports' | 'calls' | 'references' | 'extends' | 'implements' | 'exports' | 'tests';

/** A node reached by a graph query. */
export interface GraphNode {
  /** Symbol id (`file#name`) or file path. */
  id: string;
  type: 'symbol' | 'file';
  /** Hops from the start. */
  depth: number;
  /** Kind of the edge that reached it. */
  via: EdgeKind;
}

/** One search result. */
export interface SearchHit {
  symbol: string;
  file: string;
  kind: SymbolKind;
  score: number;
}

export type SkipReason = 'ignored' | 'binary' | 'generated' | 'oversize' | 'non-utf8' | 'unreadable' | 'symlink-loop' | 'vanished';

export interface IndexProgress {
  phase: 'scan' | 'parse' | 'link' | 'graph' | 'vectors' | 'types' | 'done';
  done: number;
  total: number;
  /** The file being read (`scan` phase), each reported once, as its read starts. */
  file?: string;
}

/** What a pass of the type checker over member-call sites (`x.m()`, `this.x.m()`) did. */
export interface TypeFactsReport {
  /** Files whose sites were resolved in this pass. */
  files: number;
  sites: number;
  /** Sites resolved to a project symbol (a `calls` edge each, or one per declaration of a merged or union member). */
  resolved: number;
  /** Sites resolved to a declaration outside the project (lib, node_modules): no edge. */
  external: number;
  /** Sites the checker could not resolve (`any`, untyped receivers, unindexed declarations). */
  unresolved: number;
  /** Files changed on disk since they were indexed: left for the next update. */
  stale: number;
  /** `calls` edges added to the graph. */
  edges: number;
  ms: number;
}

/** What one `update()` did. */
export interface IndexReport {
  files: { total: number; parsed: number; unchanged: number; removed: number; withSyntaxErrors: number };
  symbols: number;
  edges: number;
  vectors: number;
  skipped: Partial<Record<SkipReason, number>>;
  /** Files that could not be indexed, with why (non-UTF-8, vanished, …). */
  problems: { file: string; reason: SkipReason | 'syntax-error'; detail?: string }[];
  /** Set when the store was found corrupt and rebuilt. */
  rebuilt?: string;
  /** The eager type pass (`krepis index --types`, or `index.typeFacts: "eager"`), when it ran. */
  types?: TypeFactsReport;
  ms: number;
}

export type ContextMode = 'caller' | 'implementer' | 'test';

export interface ContextItem {
  symbol: string;
  file: string;
  mode: ContextMode;
  text: string;
  tokens: number;
}

/** What the model sees for a task, inside a token budget. */
export interface AssembledContext {
  items: ContextItem[];
  omitted: { symbol: string; reason: string }[];
  totalTokens: number;
  budget: number;
}

export interface AssembleContextOptions {
  /** Hard limit on the sum of the items' tokens. */
  budget: number;
  /** Token counter (the loaded model's tokenizer). Default: `estimateTokens` (chars / 3, rounded up: over-counts code). */
  countTokens?: (text: string) => number | Promise<number>;
  /** Files the task is about: their symbols become seeds. */
  focusFiles?: string[];
  /** Symbols (names or ids) the task is about. */
  focusSymbols?: string[];
  /** Symbols (names or ids) the change must edit: rendered in implementer mode (full source). */
  implement?: string[];
}
