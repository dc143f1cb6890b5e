import type { SymbolKind } from '../types.js';

/** One searchable chunk: a symbol's signature, JSDoc and body excerpt, with metadata. */
export interface Chunk {
  /** The symbol id. */
  id: string;
  file: string;
  kind: SymbolKind;
  text: string;
  /** Dense embedding, when a model runtime with embeddings is configured. */
  vector?: Float32Array;
}

export interface VectorQuery {
  text: string;
  vector?: Float32Array;
  /** Results wanted. */
  k: number;
  filter?: { files?: readonly string[]; kinds?: readonly SymbolKind[] };
}

export interface VectorHit {
  id: string;
  file: string;
  kind: SymbolKind;
  /** Fused score (reciprocal rank fusion of the lexical and dense rankings): higher is better. */
  score: number;
}

/**
 * The vector store port. Every adapter ranks lexically (BM25 over identifier-aware terms)
 * and, when chunks carry vectors, densely, and fuses both with reciprocal rank fusion.
 * Adapters: embedded (usearch HNSW + in-memory BM25, persisted under the store folder) and Qdrant.
 */
export interface VectorStore {
  upsert(chunks: readonly Chunk[]): Promise<void>;
  /** Removes every chunk of these files. */
  removeFiles(files: readonly string[]): Promise<void>;
  query(query: VectorQuery): Promise<VectorHit[]>;
  count(): Promise<number>;
  /** Makes every write so far durable. */
  flush(): Promise<void>;
  clear(): Promise<void>;
  close(): Promise<void>;
}
