/**
 * The Tri-Store: an incremental code index (LevelDB symbols, SurrealDB graph, vectors) and
 * lazy, budgeted context assembly for the model.
 */
export { openTriStore, TriStore } from './TriStore.js';
export type { OpenTriStoreOptions, UpdateIndexOptions } from './TriStore.js';
export type {
  AssembleContextOptions,
  AssembledContext,
  ContextItem,
  ContextMode,
  DocComment,
  EdgeKind,
  GraphNode,
  IndexProgress,
  IndexReport,
  SearchHit,
  ShadowDoc,
  SkipReason,
  SymbolKind,
  SymbolRecord,
  TypeFactsReport,
} from './types.js';
export { TriStoreError, TriStoreErrorCode } from './errors.js';
export type { ShadowTagOptions, ShadowTagReport } from './shadowTags.js';
export { estimateTokens } from './context/tokens.js';
export { parseJsDoc } from './ingest/parseJsDoc.js';
