import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ChatMessage } from '../../../model/index.js';
import { documentSymbol } from './documenter.js';

/** A minimal OpenAI-compatible server (streamed chat completions), as llama-server or vLLM would be. */
export async function openAiServer(options: { delayMs?: number; pairUpMs?: number } = {}) {
  const stats = { requests: 0, inflight: 0, peak: 0 };
  const chat = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    let body = '';
    for await (const chunk of request) body += String(chunk);
    const { messages } = JSON.parse(body) as { messages: ChatMessage[] };
    stats.requests += 1;
    stats.peak = Math.max(stats.peak, (stats.inflight += 1));
    await sleep(options.delayMs ?? 40);
    // pairUpMs: hold a lone request until a second one arrives (or the time is up), so that
    // clients that do run at the same time are seen to, however slow the machine.
    for (const started = Date.now(); options.pairUpMs && stats.peak < 2 && Date.now() - started < options.pairUpMs; ) await sleep(10);
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

