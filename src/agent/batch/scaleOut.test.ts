import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../config/index.js';
import type { ChatMessage } from '../../model/index.js';
import { createJob, parseJobSpec, runBatch, storeDirOf } from './index.js';
import { agentProject } from './test/agentProject.js';
import { documentSymbol, UNDOCUMENTED } from './test/documenter.js';

/** A minimal OpenAI-compatible server (streamed chat completions), as llama-server or vLLM would be. */
async function openAiServer() {
  const stats = { requests: 0, inflight: 0, peak: 0 };
  const chat = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    let body = '';
    for await (const chunk of request) body += String(chunk);
    const { messages } = JSON.parse(body) as { messages: ChatMessage[] };
    stats.requests += 1;
    stats.peak = Math.max(stats.peak, (stats.inflight += 1));
    await sleep(40);
    const text = documentSymbol(messages);
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    for (const piece of text.match(/.{1,16}/gs) ?? []) response.write(`data: ${JSON.stringify({ choices: [{ delta: { content: piece } }] })}\n\n`);
    response.write(`data: ${JSON.stringify({ choices: [{ delta: {}, finish_reason: 'stop' }], usage: { prompt_tokens: 100, completion_tokens: 20 } })}\n\n`);
    response.end('data: [DONE]\n\n');
    stats.inflight -= 1;
  };
  const server = createServer((request, response) => {
    if (request.url === '/v1/chat/completions') void chat(request, response);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return { url, stats, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('scale-out: batch workers on several machines share one OpenAI-compatible GPU server', () => {
  it('two jobs in two checkouts run against one server at once and both apply every item', async () => {
    const server = await openAiServer();
    using first = agentProject(UNDOCUMENTED);
    using second = agentProject(UNDOCUMENTED);
    const notes: string[] = [];
    try {
      const spec = parseJobSpec({ instruction: 'Add a JSDoc comment', targets: { symbols: { files: 'src/*.ts', missingJsDoc: true } }, stages: ['syntax'], attempts: 1, concurrency: 2, apply: 'apply' });
      const run = async (root: string) => {
        const config = await resolveConfig({ cwd: root, env: {}, overrides: { model: { runtime: 'openai', url: server.url } } });
        await using store = await createJob({ root, storeDir: storeDirOf(config), spec });
        return await runBatch(store, { config, onNote: (text) => notes.push(text) });
      };
      const [a, b] = await Promise.all([run(first.root), run(second.root)]);
      for (const done of [a, b]) expect(done.report.counts).toMatchObject({ applied: 3, failed: 0 });
      expect(notes).toEqual([]); // the Tri-Store opened: graph-aware lock keys and indexed context
      expect(server.stats.requests).toBe(6);
      expect(server.stats.peak).toBeGreaterThanOrEqual(2);
      for (const project of [first, second]) expect(project.read('src/text.ts')).toContain('/** whisper: documented by the batch. */');
    } finally {
      await server.close();
    }
  });
});
