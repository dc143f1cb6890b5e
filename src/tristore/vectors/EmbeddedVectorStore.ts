import { appendFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Index, MetricKind, ScalarKind } from 'usearch';
import type { SymbolKind } from '../types.js';
import { Bm25Index } from './Bm25Index.js';
import { reciprocalRankFusion } from './lexicalTerms.js';
import type { Chunk, VectorHit, VectorQuery, VectorStore } from './VectorStore.js';

interface StoredChunk {
  id: string;
  file: string;
  kind: SymbolKind;
  text: string;
  /** usearch key, when the chunk has a vector. */
  key?: number;
}

interface Snapshot {
  format: 'krepis-vectors-1';
  dimensions: number;
  nextKey: number;
  chunks: StoredChunk[];
}

type LogEntry = { put: StoredChunk } | { del: string };

const CANDIDATES = 5;

/**
 * The embedded vector store: BM25 in memory plus a usearch HNSW index for dense vectors,
 * persisted under the store folder: `chunks.json` (snapshot, replaced atomically) + `chunks.log`
 * (changes since, appended) + `dense.usearch`.
 */
export class EmbeddedVectorStore implements VectorStore {
  private readonly chunks = new Map<string, StoredChunk>();
  private readonly byFile = new Map<string, Set<string>>();
  private readonly byKey = new Map<number, string>();
  private readonly lexical = new Bm25Index();
  private dense: Index | undefined;
  private dimensions = 0;
  private nextKey = 1;
  /** Changes since the last flush, appended to `chunks.log` (or folded into a new snapshot). */
  private pending: LogEntry[] = [];
  private logged = 0;
  private denseChanged = false;

  private constructor(private readonly dir: string) {}

  static async open(dir: string): Promise<EmbeddedVectorStore> {
    const store = new EmbeddedVectorStore(dir);
    await mkdir(dir, { recursive: true });
    await store.load();
    return store;
  }

  private get snapshotFile(): string {
    return path.join(this.dir, 'chunks.json');
  }

  private get logFile(): string {
    return path.join(this.dir, 'chunks.log');
  }

  private get denseFile(): string {
    return path.join(this.dir, 'dense.usearch');
  }

  private async load(): Promise<void> {
    if (!existsSync(this.snapshotFile)) return;
    const snapshot = JSON.parse(await readFile(this.snapshotFile, 'utf8')) as Snapshot;
    this.nextKey = snapshot.nextKey;
    if (snapshot.dimensions > 0 && existsSync(this.denseFile)) {
      this.ensureDense(snapshot.dimensions).load(this.denseFile);
    }
    for (const chunk of snapshot.chunks) this.remember(chunk);
    if (!existsSync(this.logFile)) return;
    // A run killed mid-append leaves at most one torn last line: it is ignored.
    for (const line of (await readFile(this.logFile, 'utf8')).split('\n')) {
      if (!line) continue;
      let entry: LogEntry;
      try {
        entry = JSON.parse(line) as LogEntry;
      } catch {
        continue;
      }
      this.logged++;
      if ('del' in entry) this.forget(entry.del);
      else {
        this.forget(entry.put.id);
        this.remember(entry.put);
        if (entry.put.key !== undefined) this.nextKey = Math.max(this.nextKey, entry.put.key + 1);
      }
    }
  }

  private ensureDense(dimensions: number): Index {
    if (!this.dense) {
      this.dimensions = dimensions;
      this.dense = new Index({ dimensions, metric: MetricKind.Cos, quantization: ScalarKind.F32, connectivity: 16, expansion_add: 128, expansion_search: 64, multi: false });
    }
    return this.dense;
  }

  private remember(chunk: StoredChunk): void {
    this.chunks.set(chunk.id, chunk);
    let ids = this.byFile.get(chunk.file);
    if (!ids) this.byFile.set(chunk.file, (ids = new Set()));
    ids.add(chunk.id);
    if (chunk.key !== undefined) this.byKey.set(chunk.key, chunk.id);
    this.lexical.add(chunk.id, chunk.text);
  }

  private forget(id: string): void {
    const chunk = this.chunks.get(id);
    if (!chunk) return;
    this.chunks.delete(id);
    this.byFile.get(chunk.file)?.delete(id);
    this.lexical.remove(id);
    if (chunk.key !== undefined) {
      this.byKey.delete(chunk.key);
      this.dense?.remove(BigInt(chunk.key));
    }
  }

  async upsert(chunks: readonly Chunk[]): Promise<void> {
    const keys: bigint[] = [];
    const vectors: Float32Array[] = [];
    for (const chunk of chunks) {
      this.forget(chunk.id);
      const stored: StoredChunk = { id: chunk.id, file: chunk.file, kind: chunk.kind, text: chunk.text };
      if (chunk.vector) {
        stored.key = this.nextKey++;
        keys.push(BigInt(stored.key));
        vectors.push(chunk.vector);
      }
      this.remember(stored);
      this.pending.push({ put: stored });
    }
    if (vectors.length > 0) {
      // One batched add: usearch builds the HNSW links on its own threads.
      this.ensureDense(vectors[0]?.length ?? 0).add(BigUint64Array.from(keys), vectors, 0);
      this.denseChanged = true;
    }
  }

  async removeFiles(files: readonly string[]): Promise<void> {
    for (const file of files) {
      for (const id of [...(this.byFile.get(file) ?? [])]) {
        this.forget(id);
        this.pending.push({ del: id });
      }
      this.byFile.delete(file);
    }
  }

  async query(query: VectorQuery): Promise<VectorHit[]> {
    const files = query.filter?.files ? new Set(query.filter.files) : undefined;
    const kinds = query.filter?.kinds ? new Set(query.filter.kinds) : undefined;
    const accept = (id: string) => {
      const chunk = this.chunks.get(id);
      return chunk !== undefined && (!files || files.has(chunk.file)) && (!kinds || kinds.has(chunk.kind));
    };
    const lists = [this.lexical.search(query.text, query.k * CANDIDATES, accept)];
    if (query.vector && this.dense && this.dense.size() > 0) lists.push(this.denseSearch(query.vector, query.k * CANDIDATES).filter(accept));
    const fused = [...reciprocalRankFusion(lists)].sort((a, b) => b[1] - a[1]).slice(0, query.k);
    return fused.map(([id, score]) => {
      const chunk = this.chunks.get(id) as StoredChunk;
      return { id, file: chunk.file, kind: chunk.kind, score };
    });
  }

  private denseSearch(vector: Float32Array, k: number): string[] {
    const matches = this.dense?.search(vector, Math.min(k, this.dense.size()), 0);
    return [...(matches?.keys ?? [])].map((key) => this.byKey.get(Number(key))).filter((id) => id !== undefined);
  }

  async count(): Promise<number> {
    return this.chunks.size;
  }

  /** Appends the changes to `chunks.log`; rewrites the snapshot when the log outgrows half of it. */
  async flush(): Promise<void> {
    if (this.dense && this.denseChanged) {
      this.dense.save(`${this.denseFile}.tmp`);
      await rename(`${this.denseFile}.tmp`, this.denseFile);
      this.denseChanged = false;
    }
    if (this.pending.length === 0 && existsSync(this.snapshotFile)) return;
    if (existsSync(this.snapshotFile) && this.logged + this.pending.length <= Math.max(1000, this.chunks.size / 2)) {
      await appendFile(this.logFile, this.pending.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
      this.logged += this.pending.length;
      this.pending = [];
      return;
    }
    const snapshot: Snapshot = { format: 'krepis-vectors-1', dimensions: this.dimensions, nextKey: this.nextKey, chunks: [...this.chunks.values()] };
    await writeFile(`${this.snapshotFile}.tmp`, JSON.stringify(snapshot));
    await rename(`${this.snapshotFile}.tmp`, this.snapshotFile);
    await rm(this.logFile, { force: true });
    this.logged = 0;
    this.pending = [];
  }

  async clear(): Promise<void> {
    this.chunks.clear();
    this.byFile.clear();
    this.byKey.clear();
    this.lexical.clear();
    this.dense = undefined;
    this.dimensions = 0;
    this.pending = [];
    this.logged = 0;
    await rm(this.denseFile, { force: true });
    await rm(this.snapshotFile, { force: true });
    await rm(this.logFile, { force: true });
  }

  async close(): Promise<void> {
    this.dense = undefined;
  }
}
