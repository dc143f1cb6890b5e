import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { OpenAiRuntime } from './OpenAiRuntime.js';

const servers: Server[] = [];
async function serve(handler: RequestListener): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
}
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const settings = { timeoutMs: 2000, contextSize: 4096, temperature: 0, seed: 1, maxTokens: 16 };
const ask = { messages: [{ role: 'user' as const, content: 'hi' }] };

describe('openai adapter failures', () => {
  it('names the URL when the server cannot be reached', async () => {
    const url = await serve(() => {});
    servers[0]!.close();
    await new Promise((resolve) => setTimeout(resolve, 10));
    const model = new OpenAiRuntime({ ...settings, url });
    await expect(model.generate(ask)).rejects.toMatchObject({ code: 'KREPIS_MODEL_SERVER_UNREACHABLE', message: expect.stringContaining(new URL(url).host) });
  });

  it('times out a server that never answers', async () => {
    const url = await serve(() => {});
    const model = new OpenAiRuntime({ ...settings, url, timeoutMs: 200 });
    await expect(model.generate(ask)).rejects.toMatchObject({ code: 'KREPIS_MODEL_TIMEOUT' });
  });

  it('reports server errors with status and message, and context overflow as prompt-too-long', async () => {
    const url = await serve((request, response) => {
      const status = request.url === '/tokenize' ? 404 : 400;
      const message = request.headers.authorization === 'Bearer overflow' ? 'the request exceeds the available context size' : 'model "x" not found';
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message } }));
    });
    await expect(new OpenAiRuntime({ ...settings, url }).generate(ask)).rejects.toMatchObject({ code: 'KREPIS_MODEL_SERVER_ERROR', message: expect.stringContaining('model "x" not found') });
    await expect(new OpenAiRuntime({ ...settings, url, apiKey: 'overflow' }).generate(ask)).rejects.toMatchObject({ code: 'KREPIS_MODEL_PROMPT_TOO_LONG' });
  });

  it('falls back to a labelled estimate without /tokenize, and parses a plain SSE stream', async () => {
    const url = await serve((request, response) => {
      if (request.url === '/tokenize') return void response.writeHead(404).end();
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: {"choices":[{"delta":{"content":"Hel"}}]}\n\n');
      response.write('data: {"choices":[{"delta":{"content":"lo"},"finish_reason":"length"}]}\r\n\r\n');
      response.end('data: [DONE]\n\n');
    });
    const model = new OpenAiRuntime({ ...settings, url });
    expect(await model.countTokens('twelve chars')).toBe(3);
    expect(model.info.tokenCount).toBe('estimate');
    const result = await model.generate(ask);
    expect(result).toMatchObject({ text: 'Hello', stopReason: 'max-tokens' });
    expect(result.tokens.completion).toBe(2);
  });
});
