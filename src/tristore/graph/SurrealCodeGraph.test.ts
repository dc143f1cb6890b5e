import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeCodeGraph } from './CodeGraph.case.js';
import { SurrealCodeGraph } from './SurrealCodeGraph.js';

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 }).catch(() => undefined))));
let database = 0;

describeCodeGraph('SurrealDB embedded (surrealkv, file-backed)', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'krepis-graph-'));
  dirs.push(dir);
  return SurrealCodeGraph.open({ url: `surrealkv://${path.join(dir, 'graph')}`, namespace: 'krepis', database: 'test' });
});

const serverUrl = process.env['KREPIS_SURREAL_URL'];
describe.skipIf(!serverUrl)('SurrealDB server leg (skipped: set KREPIS_SURREAL_URL, e.g. ws://localhost:8000, to run it)', () => {
  describeCodeGraph(`SurrealDB server at ${serverUrl}`, async () =>
    SurrealCodeGraph.open({ url: serverUrl ?? '', namespace: 'krepis_test', database: `run_${process.pid}_${database++}`, username: process.env['KREPIS_SURREAL_USER'] ?? 'root', password: process.env['KREPIS_SURREAL_PASS'] ?? 'root' }),
  );
});

describe('SurrealCodeGraph errors', () => {
  it('names the URL when the server is unreachable', async () => {
    await expect(SurrealCodeGraph.open({ url: 'ws://127.0.0.1:9/rpc', namespace: 'n', database: 'd' })).rejects.toMatchObject({ code: 'KREPIS_TRISTORE_GRAPH_UNREACHABLE', message: expect.stringContaining('ws://127.0.0.1:9/rpc') });
  });
});
