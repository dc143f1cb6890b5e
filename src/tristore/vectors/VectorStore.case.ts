import { describe, expect, it } from 'vitest';
import type { Chunk, VectorStore } from './VectorStore.js';

/** A deterministic unit vector per topic, so that dense ranking is checkable without a model. */
function topicVector(topic: number, dimensions = 8): Float32Array {
  const vector = new Float32Array(dimensions).fill(0.05);
  vector[topic % dimensions] = 1;
  return vector;
}

const chunks: Chunk[] = [
  { id: 'src/http.ts#parseHttpRequest', file: 'src/http.ts', kind: 'function', text: 'parseHttpRequest(raw: string): Request\nParses an HTTP request line and headers.', vector: topicVector(0) },
  { id: 'src/http.ts#sendResponse', file: 'src/http.ts', kind: 'function', text: 'sendResponse(res, body)\nWrites the response body.', vector: topicVector(1) },
  { id: 'src/db/pool.ts#ConnectionPool', file: 'src/db/pool.ts', kind: 'class', text: 'class ConnectionPool\nKeeps database connections open for reuse.', vector: topicVector(2) },
  { id: 'src/db/pool.ts#acquire_connection', file: 'src/db/pool.ts', kind: 'function', text: 'acquire_connection(pool)\nTakes a connection from the pool.', vector: topicVector(3) },
];

/** The conformance suite every `VectorStore` adapter passes. `open` gives a fresh, empty store. */
export function describeVectorStore(name: string, open: () => Promise<VectorStore>): void {
  describe(`VectorStore conformance: ${name}`, () => {
    const withStore = (test: (store: VectorStore) => Promise<void>) => async () => {
      const store = await open();
      try {
        await store.upsert(chunks);
        await store.flush();
        await test(store);
      } finally {
        await store.clear();
        await store.close();
      }
    };

    it('ranks lexically on split identifiers (camelCase and snake_case) without vectors', withStore(async (store) => {
      const [first] = await store.query({ text: 'http request parsing', k: 2 });
      expect(first?.id).toBe('src/http.ts#parseHttpRequest');
      const [snake] = await store.query({ text: 'acquire connection', k: 1 });
      expect(snake?.id).toBe('src/db/pool.ts#acquire_connection');
    }));

    it('fuses the dense ranking in (RRF): a vector-only match reaches the results', withStore(async (store) => {
      const hits = await store.query({ text: 'zzz-no-lexical-match', vector: topicVector(2), k: 2 });
      expect(hits[0]?.id).toBe('src/db/pool.ts#ConnectionPool');
    }));

    it('filters by file and kind', withStore(async (store) => {
      const inDb = await store.query({ text: 'connection request response', k: 10, filter: { files: ['src/db/pool.ts'] } });
      expect(new Set(inDb.map((hit) => hit.file))).toEqual(new Set(['src/db/pool.ts']));
      const classes = await store.query({ text: 'connection pool', k: 10, filter: { kinds: ['class'] } });
      expect(classes.map((hit) => hit.id)).toEqual(['src/db/pool.ts#ConnectionPool']);
    }));

    it('removes every chunk of a file, and upserts replace', withStore(async (store) => {
      await store.removeFiles(['src/http.ts']);
      await store.upsert([{ ...chunks[2], text: 'class ConnectionPool\nNow about caching widgets.' } as Chunk]);
      await store.flush();
      expect(await store.count()).toBe(2);
      expect(await store.query({ text: 'http request', k: 5 })).toEqual([]);
      expect((await store.query({ text: 'widgets', k: 5 })).map((hit) => hit.id)).toEqual(['src/db/pool.ts#ConnectionPool']);
    }));
  });
}
