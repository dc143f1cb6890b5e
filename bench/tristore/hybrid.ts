import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EmbeddedVectorStore } from '../../src/tristore/vectors/EmbeddedVectorStore.js';
import type { Chunk } from '../../src/tristore/vectors/VectorStore.js';
import { percentile } from './corpus.js';

const CHUNKS = 100_000;
const DIMENSIONS = 384;
const QUERIES = 300;

/** Deterministic pseudo-random unit vectors (xorshift), standing in for a 384-d embedding model. */
function vectorFor(seed: number): Float32Array {
  let state = (seed * 2654435761) >>> 0 || 1;
  const vector = new Float32Array(DIMENSIONS);
  let norm = 0;
  for (let index = 0; index < DIMENSIONS; index++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    vector[index] = ((state >>> 0) / 0xffffffff) * 2 - 1;
    norm += (vector[index] ?? 0) ** 2;
  }
  return vector.map((value) => value / Math.sqrt(norm));
}

/**
 * Hybrid top-10 latency at 100k chunks: the corpus's real symbol chunks, repeated to 100k with
 * distinct ids, each with a 384-d vector; queries are symbol names plus a vector.
 */
export async function measureHybrid(corpusRoot: string, log: (line: string) => void): Promise<{ chunks: number; p50Ms: number; p99Ms: number; lexicalP99Ms: number; denseP99Ms: number; buildMs: number }> {
  const snapshot = JSON.parse(await readFile(path.join(corpusRoot, '.krepis/vectors/chunks.json'), 'utf8')) as { chunks: { id: string; file: string; kind: Chunk['kind']; text: string }[] };
  const source = snapshot.chunks;
  const dir = await mkdtemp(path.join(tmpdir(), 'krepis-bench-hybrid-'));
  const store = await EmbeddedVectorStore.open(dir);
  try {
    const started = performance.now();
    for (let offset = 0; offset < CHUNKS; offset += 5000) {
      const batch: Chunk[] = [];
      for (let index = offset; index < Math.min(CHUNKS, offset + 5000); index++) {
        const base = source[index % source.length];
        if (base) batch.push({ id: `${base.id}~${index}`, file: `${base.file}~${Math.floor(index / source.length)}`, kind: base.kind, text: base.text, vector: vectorFor(index) });
      }
      await store.upsert(batch);
      if (offset % 25_000 === 0) log(`  hybrid: ${offset + batch.length} chunks inserted`);
    }
    // The BM25 postings are built by the first search: count that in the build, not in a query sample.
    await store.query({ text: 'schema', k: 1 });
    const buildMs = performance.now() - started;
    const queries = Array.from({ length: QUERIES }, (_, index) => ({ text: `${source[(index * 31) % source.length]?.id.split('#')[1] ?? 'parse'} schema validation`, vector: vectorFor(CHUNKS + index) }));
    const time = async (run: (query: (typeof queries)[number]) => Promise<unknown>) => {
      const samples: number[] = [];
      for (const query of queries) {
        const at = performance.now();
        await run(query);
        samples.push(performance.now() - at);
      }
      return samples;
    };
    const hybrid = await time((query) => store.query({ text: query.text, vector: query.vector, k: 10 }));
    const lexical = await time((query) => store.query({ text: query.text, k: 10 }));
    const dense = await time((query) => store.query({ text: '', vector: query.vector, k: 10 }));
    const round = (value: number) => +value.toFixed(2);
    return { chunks: await store.count(), p50Ms: round(percentile(hybrid, 50)), p99Ms: round(percentile(hybrid, 99)), lexicalP99Ms: round(percentile(lexical, 99)), denseP99Ms: round(percentile(dense, 99)), buildMs: Math.round(buildMs) };
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}
