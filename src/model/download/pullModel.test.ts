import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeTinyGguf } from '../../../models/tinyGguf.js';
import { pullModel } from './pullModel.js';

/** A plain file server (HEAD, GET, Range) on port 0: the download peer. */
function serveFile(name: string, bytes: Buffer): Promise<{ server: Server; url: string; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((request, response) => {
    hits.push(`${request.method} ${request.headers.range ?? ''}`.trim());
    if (request.url !== `/${name}`) return void response.writeHead(404).end();
    const range = /bytes=(\d+)-(\d*)/.exec(request.headers.range ?? '');
    const start = range ? Number(range[1]) : 0;
    const end = range?.[2] ? Number(range[2]) : bytes.length - 1;
    const headers = { 'content-type': 'application/octet-stream', 'accept-ranges': 'bytes', 'content-length': String(end - start + 1), ...(range ? { 'content-range': `bytes ${start}-${end}/${bytes.length}` } : {}) };
    response.writeHead(range ? 206 : 200, headers);
    response.end(request.method === 'HEAD' ? undefined : bytes.subarray(start, end + 1));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, hits, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/${name}` })));
}

describe('pullModel against a real HTTP file server', () => {
  const bytes = encodeTinyGguf();
  const dir = mkdtempSync(path.join(tmpdir(), 'krepis-pull-'));
  let peer: Awaited<ReturnType<typeof serveFile>>;
  beforeAll(async () => {
    peer = await serveFile('tiny.gguf', bytes);
  });
  afterAll(async () => {
    peer.server.closeAllConnections();
    await new Promise((resolve) => peer.server.close(resolve));
  });

  it('downloads into model.dir, reports progress, checks size and validates the GGUF', async () => {
    const progress: number[] = [];
    const result = await pullModel(peer.url, { model: { dir } }, { onProgress: (p) => progress.push(p.downloadedBytes) });
    expect(result).toMatchObject({ path: path.join(dir, 'tiny.gguf'), sizeBytes: bytes.length, downloaded: true });
    expect(readFileSync(result.path).equals(bytes)).toBe(true);
    expect(progress.at(-1)).toBe(bytes.length);
  });

  it('skips a complete existing copy', async () => {
    const before = peer.hits.length;
    const again = await pullModel(peer.url, { model: { dir } });
    expect(again).toMatchObject({ path: path.join(dir, 'tiny.gguf'), downloaded: false });
    expect(peer.hits.slice(before).filter((hit) => hit.includes('bytes='))).toEqual([]);
  });
});
