import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EmbeddedVectorStore } from './EmbeddedVectorStore.js';
import { lexicalTerms } from './lexicalTerms.js';
import { QdrantVectorStore } from './QdrantVectorStore.js';
import { describeVectorStore } from './VectorStore.case.js';

const dirs: string[] = [];
const freshDir = async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'krepis-vectors-'));
  dirs.push(dir);
  return dir;
};
afterAll(async () => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 }))));

describeVectorStore('embedded (BM25 + usearch HNSW)', async () => EmbeddedVectorStore.open(await freshDir()));

const qdrantUrl = process.env['KREPIS_QDRANT_URL'];
let collection = 0;
describe.skipIf(!qdrantUrl)('Qdrant leg (skipped: set KREPIS_QDRANT_URL, e.g. http://localhost:6333, to run it)', () => {
  describeVectorStore(`Qdrant at ${qdrantUrl}`, async () => QdrantVectorStore.open({ url: qdrantUrl ?? '', collection: `krepis_test_${process.pid}_${collection++}` }));
});

describe('EmbeddedVectorStore persistence', () => {
  it('reloads what was flushed, vectors included', async () => {
    const dir = await freshDir();
    const store = await EmbeddedVectorStore.open(dir);
    await store.upsert([{ id: 'a.ts#retryRequest', file: 'a.ts', kind: 'function', text: 'retryRequest with backoff', vector: new Float32Array([1, 0, 0, 0]) }]);
    await store.flush();
    await store.close();
    const reopened = await EmbeddedVectorStore.open(dir);
    expect(await reopened.count()).toBe(1);
    expect((await reopened.query({ text: 'nothing', vector: new Float32Array([1, 0, 0, 0]), k: 1 }))[0]?.id).toBe('a.ts#retryRequest');
    await reopened.close();
  });

  it('appends later changes to a log that a reopen replays (a torn last line is ignored)', async () => {
    const dir = await freshDir();
    const store = await EmbeddedVectorStore.open(dir);
    await store.upsert([{ id: 'a.ts#first', file: 'a.ts', kind: 'function', text: 'first alpha' }, { id: 'b.ts#second', file: 'b.ts', kind: 'function', text: 'second beta' }]);
    await store.flush();
    await store.removeFiles(['a.ts']);
    await store.upsert([{ id: 'c.ts#third', file: 'c.ts', kind: 'function', text: 'third gamma' }]);
    await store.flush();
    await store.close();
    await appendFile(path.join(dir, 'chunks.log'), '{"put":{"id":"torn');
    const reopened = await EmbeddedVectorStore.open(dir);
    expect(await reopened.count()).toBe(2);
    expect(await reopened.query({ text: 'alpha', k: 5 })).toEqual([]);
    expect((await reopened.query({ text: 'gamma', k: 5 }))[0]?.id).toBe('c.ts#third');
    await reopened.close();
  });

  it('throws on a corrupt snapshot (the Tri-Store then rebuilds it)', async () => {
    const dir = await freshDir();
    await writeFile(path.join(dir, 'chunks.json'), '{"format":');
    await expect(EmbeddedVectorStore.open(dir)).rejects.toThrow();
  });
});

describe('QdrantVectorStore errors', () => {
  it('names the URL when Qdrant is unreachable', async () => {
    await expect(QdrantVectorStore.open({ url: 'http://127.0.0.1:9', collection: 'x' })).rejects.toMatchObject({ code: 'KREPIS_TRISTORE_VECTORS_UNREACHABLE', message: expect.stringContaining('http://127.0.0.1:9') });
  });
});

describe('lexicalTerms', () => {
  it('splits camelCase, PascalCase acronyms and snake_case, keeping whole identifiers, each stemmed', () => {
    expect(lexicalTerms('parseHTTPResponse max_retry_count')).toEqual(['parsehttprespons', 'pars', 'http', 'respons', 'max_retry_count', 'max', 'retri', 'count']);
    // A task's words meet the code's: "greeting" / "greets" / `greet`, "parsing" / `parseUsers`.
    expect(lexicalTerms('greeting greets greetUser')).toEqual(['greet', 'greet', 'greetus', 'greet', 'user']);
    expect(lexicalTerms('parsing')).toEqual(lexicalTerms('parse'));
  });
});
