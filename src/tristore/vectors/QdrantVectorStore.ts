import { createHash } from 'node:crypto';
import { QdrantClient } from '@qdrant/js-client-rest';
import { TriStoreError, TriStoreErrorCode } from '../errors.js';
import type { SymbolKind } from '../types.js';
import { termFrequencies } from './lexicalTerms.js';
import type { Chunk, VectorHit, VectorQuery, VectorStore } from './VectorStore.js';

export interface QdrantOptions {
  url: string;
  apiKey?: string;
  /** One collection per project. */
  collection: string;
}

const CANDIDATES = 5;
const UPSERT_BATCH = 256;

/** Qdrant point ids are UUIDs or integers: a stable UUID from the symbol id. */
function pointId(id: string): string {
  const hex = createHash('sha1').update(id).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** FNV-1a, 32 bits: the sparse-vector dimension of a term. */
function termIndex(term: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < term.length; index++) hash = Math.imul(hash ^ term.charCodeAt(index), 0x01000193) >>> 0;
  return hash;
}

/** Term frequencies as a sparse vector; Qdrant applies IDF itself (`modifier: idf`), which makes it BM25-like. */
function sparseVector(text: string): { indices: number[]; values: number[] } {
  const merged = new Map<number, number>();
  for (const [term, count] of termFrequencies(text)) merged.set(termIndex(term), (merged.get(termIndex(term)) ?? 0) + count);
  return { indices: [...merged.keys()], values: [...merged.values()] };
}

/**
 * The Qdrant adapter: one collection per project, a `sparse` vector (identifier-aware terms,
 * IDF applied by Qdrant) and, when chunks carry embeddings, a `dense` one; hybrid queries go
 * through the Query API (prefetch both, fuse with RRF) with payload filters on file and kind.
 */
export class QdrantVectorStore implements VectorStore {
  private dense: number | undefined;
  private ready = false;

  private constructor(
    private readonly client: QdrantClient,
    private readonly options: QdrantOptions,
  ) {}

  static async open(options: QdrantOptions): Promise<QdrantVectorStore> {
    const client = new QdrantClient({ url: options.url, checkCompatibility: false, ...(options.apiKey ? { apiKey: options.apiKey } : {}) });
    const store = new QdrantVectorStore(client, options);
    await store.call(async () => {
      if ((await client.collectionExists(options.collection)).exists) {
        const info = await client.getCollection(options.collection);
        const vectors = info.config.params.vectors as Record<string, { size?: number }> | undefined;
        store.dense = vectors?.['dense']?.size;
        store.ready = true;
      }
    });
    return store;
  }

  private async call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw new TriStoreError(TriStoreErrorCode.vectorsUnreachable, `Qdrant at ${this.options.url} failed: ${(error as Error).message}`, {
        hint: 'Check that Qdrant is running and `vectors.url` is right, or remove `vectors.url` to use the embedded store.',
        cause: error,
      });
    }
  }

  private async ensureCollection(dimensions: number | undefined): Promise<void> {
    if (this.ready) return;
    await this.client.createCollection(this.options.collection, {
      vectors: dimensions ? { dense: { size: dimensions, distance: 'Cosine' } } : {},
      sparse_vectors: { sparse: { modifier: 'idf' } },
    });
    await this.client.createPayloadIndex(this.options.collection, { field_name: 'file', field_schema: 'keyword' });
    this.dense = dimensions;
    this.ready = true;
  }

  async upsert(chunks: readonly Chunk[]): Promise<void> {
    if (chunks.length === 0) return;
    await this.call(async () => {
      await this.ensureCollection(chunks.find((chunk) => chunk.vector)?.vector?.length);
      for (let index = 0; index < chunks.length; index += UPSERT_BATCH) {
        const points = chunks.slice(index, index + UPSERT_BATCH).map((chunk) => ({
          id: pointId(chunk.id),
          vector: { sparse: sparseVector(chunk.text), ...(chunk.vector && this.dense ? { dense: [...chunk.vector] } : {}) },
          payload: { symbol: chunk.id, file: chunk.file, kind: chunk.kind },
        }));
        await this.client.upsert(this.options.collection, { wait: true, points });
      }
    });
  }

  async removeFiles(files: readonly string[]): Promise<void> {
    if (!this.ready || files.length === 0) return;
    await this.call(() => this.client.delete(this.options.collection, { wait: true, filter: { must: [{ key: 'file', match: { any: [...files] } }] } }));
  }

  async query(query: VectorQuery): Promise<VectorHit[]> {
    if (!this.ready) return [];
    const must = [
      ...(query.filter?.files ? [{ key: 'file', match: { any: [...query.filter.files] } }] : []),
      ...(query.filter?.kinds ? [{ key: 'kind', match: { any: [...query.filter.kinds] } }] : []),
    ];
    const filter = must.length > 0 ? { must } : undefined;
    const limit = query.k * CANDIDATES;
    const prefetch = [{ query: sparseVector(query.text), using: 'sparse', limit, ...(filter ? { filter } : {}) }];
    if (query.vector && this.dense) prefetch.push({ query: [...query.vector] as never, using: 'dense', limit, ...(filter ? { filter } : {}) });
    const result = await this.call(() => this.client.query(this.options.collection, { prefetch, query: { fusion: 'rrf' }, limit: query.k, with_payload: true }));
    return result.points.map((point) => {
      const payload = point.payload as { symbol: string; file: string; kind: SymbolKind };
      return { id: payload.symbol, file: payload.file, kind: payload.kind, score: point.score };
    });
  }

  async count(): Promise<number> {
    if (!this.ready) return 0;
    return (await this.call(() => this.client.count(this.options.collection, { exact: true }))).count;
  }

  async flush(): Promise<void> {
    // Every write above waits for Qdrant to apply it (`wait: true`).
  }

  async clear(): Promise<void> {
    if (!this.ready) return;
    await this.call(() => this.client.deleteCollection(this.options.collection));
    this.ready = false;
    this.dense = undefined;
  }

  async close(): Promise<void> {
    // The REST client holds no connection to release.
  }
}
