/**
 * Test peer (excluded from the build like every `*.case.ts`): a real `node:http` server on port 0
 * that speaks the OpenAI-compatible protocol the way llama-server does (streamed
 * `/v1/chat/completions` with `response_format` and `grammar`, `/v1/embeddings`, `/tokenize`),
 * answering from the tiny GGUF through node-llama-cpp. The openai adapter is tested against it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KrepisError } from '../../errors/index.js';
import type { LlamaRuntime } from '../llama/LlamaRuntime.js';
import type { ChatMessage, OutputGrammar } from '../ModelRuntime.js';

interface ChatBody {
  messages: ChatMessage[];
  max_tokens?: number;
  temperature?: number;
  seed?: number;
  stop?: string[];
  stream?: boolean;
  response_format?: { type: string; json_schema?: { schema: Record<string, unknown> } };
  grammar?: string;
}

export interface PeerServer {
  /** Base URL with `/v1`. */
  url: string;
  /** Requests seen, by route. */
  requests: string[];
  close(): Promise<void>;
}

async function readJson<T>(request: IncomingMessage): Promise<T> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as T;
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function grammarOf(body: ChatBody): OutputGrammar | undefined {
  if (body.response_format?.type === 'json_schema' && body.response_format.json_schema) return { kind: 'json-schema', schema: body.response_format.json_schema.schema };
  return body.grammar ? { kind: 'gbnf', gbnf: body.grammar } : undefined;
}

async function chat(runtime: LlamaRuntime, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const body = await readJson<ChatBody>(request);
  const aborted = new AbortController();
  response.on('close', () => aborted.abort());
  const chunk = (payload: unknown): boolean => response.write(`data: ${JSON.stringify(payload)}\n\n`);
  if (body.stream) response.writeHead(200, { 'content-type': 'text/event-stream' });
  const result = await runtime.generate({
    messages: body.messages,
    maxTokens: body.max_tokens,
    temperature: body.temperature,
    seed: body.seed,
    stop: body.stop,
    grammar: grammarOf(body),
    signal: aborted.signal,
    onToken: body.stream ? (text) => chunk({ choices: [{ index: 0, delta: { content: text }, finish_reason: null }] }) : undefined,
  });
  const finish = result.stopReason === 'max-tokens' ? 'length' : 'stop';
  const usage = { prompt_tokens: result.tokens.prompt, completion_tokens: result.tokens.completion, prompt_tokens_details: { cached_tokens: result.tokens.reusedPrompt } };
  if (!body.stream) return send(response, 200, { choices: [{ index: 0, message: { role: 'assistant', content: result.text }, finish_reason: finish }], usage });
  chunk({ choices: [{ index: 0, delta: {}, finish_reason: finish }] });
  chunk({ choices: [], usage });
  response.end('data: [DONE]\n\n');
}

async function route(runtime: LlamaRuntime, peer: PeerServer, request: IncomingMessage, response: ServerResponse): Promise<void> {
  peer.requests.push(request.url ?? '');
  switch (`${request.method} ${request.url}`) {
    case 'POST /v1/chat/completions':
      return chat(runtime, request, response);
    case 'POST /v1/embeddings': {
      const body = await readJson<{ input: string[] }>(request);
      const vectors = await runtime.embed(body.input);
      return send(response, 200, { data: vectors.map((vector, index) => ({ index, embedding: Array.from(vector) })) });
    }
    case 'POST /tokenize': {
      const body = await readJson<{ content: string }>(request);
      return send(response, 200, { tokens: runtime.model.tokenize(body.content) });
    }
    default:
      return send(response, 404, { error: { message: `no route ${request.method} ${request.url}`, type: 'not_found_error' } });
  }
}

function fail(response: ServerResponse, error: unknown): void {
  if (response.headersSent) return void response.end();
  const tooLong = error instanceof KrepisError && error.code === 'KREPIS_MODEL_PROMPT_TOO_LONG';
  send(response, tooLong ? 400 : 500, { error: { message: tooLong ? 'the request exceeds the available context size' : String(error), type: tooLong ? 'exceed_context_size_error' : 'server_error' } });
}

/** Starts the peer on 127.0.0.1, port 0. */
export async function startLlamaServerPeer(runtime: LlamaRuntime): Promise<PeerServer> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const peer: PeerServer = {
    url: `http://127.0.0.1:${port}/v1`,
    requests: [],
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    route(runtime, peer, request, response).catch((error: unknown) => fail(response, error));
  });
  return peer;
}
