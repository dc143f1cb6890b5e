import { isModelError, modelError } from '../errors.js';
import { fitPrompt } from '../fitPrompt.js';
import type { ChatMessage, GenerateRequest, GenerateResult, ModelInfo, ModelRuntime, OutputGrammar, StopReason } from '../ModelRuntime.js';
import { estimateTokens } from '../requestDigest.js';
import { postJson, serverRoot, type ServerSettings } from './http.js';
import { readSseData } from './sse.js';

/** The `openai` adapter's settings (from the `model` config section). */
export interface OpenAiSettings extends ServerSettings {
  /** Model name sent to the server. Default `default`. */
  name?: string;
  contextSize: number;
  temperature: number;
  seed: number;
  maxTokens: number;
  /** Requests the server may run at once. Default 1. */
  parallelism?: number;
}

interface StreamChunk {
  choices?: { delta?: { content?: string | null }; finish_reason?: string | null }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number; prompt_tokens_details?: { cached_tokens?: number } };
}

/** Tokens a chat message costs beyond its text (role markers), as most chat templates spend. */
const MESSAGE_OVERHEAD_TOKENS = 4;

function grammarFields(grammar: OutputGrammar | undefined): Record<string, unknown> {
  if (!grammar) return {};
  switch (grammar.kind) {
    case 'json-schema':
      return { response_format: { type: 'json_schema', json_schema: { name: 'output', schema: grammar.schema, strict: true } } };
    case 'gbnf':
      return { grammar: grammar.gbnf };
    default:
      return grammar satisfies never;
  }
}

function stopReasonOf(finish: string | null | undefined): StopReason {
  return finish === 'length' ? 'max-tokens' : 'eos';
}

/**
 * A model behind an OpenAI-compatible HTTP server (llama-server, vLLM, Ollama, LM Studio):
 * streamed chat completions, JSON-schema output via `response_format`, embeddings.
 */
export class OpenAiRuntime implements ModelRuntime {
  readonly info: ModelInfo;
  private tokenizeAvailable = true;
  private disposed = false;

  constructor(private readonly settings: OpenAiSettings) {
    this.info = { runtime: 'openai', id: `${settings.name ?? 'default'} @ ${settings.url}`, contextSize: settings.contextSize, parallelism: settings.parallelism ?? 1, tokenCount: 'exact' };
  }

  private async promptTokens(messages: readonly ChatMessage[]): Promise<number> {
    const counts = await Promise.all(messages.map((message) => this.countTokens(message.content)));
    return counts.reduce((sum, count) => sum + count + MESSAGE_OVERHEAD_TOKENS, 0);
  }

  async generate(request: GenerateRequest): Promise<GenerateResult> {
    if (this.disposed) throw modelError('disposed', `${this.info.id}: the runtime was disposed`, 'Create a new runtime with createModelRuntime().');
    const started = performance.now();
    const maxTokens = request.maxTokens ?? this.settings.maxTokens;
    const fitted = await fitPrompt(request.messages, { contextSize: this.info.contextSize, maxTokens, overflow: request.overflow ?? 'error', countPrompt: (m) => this.promptTokens(m) });
    const trimmed = fitted.trimmed > 0 ? { trimmedMessages: fitted.trimmed } : {};
    const result = { text: '', stopReason: 'aborted' as StopReason, tokens: { prompt: fitted.promptTokens, completion: 0, reusedPrompt: 0 }, timings: { firstTokenMs: 0, totalMs: 0 }, ...trimmed };
    let firstTokenAt: number | undefined;
    try {
      const response = await postJson(this.settings, '/chat/completions', {
        model: this.settings.name ?? 'default',
        messages: fitted.messages,
        max_tokens: maxTokens,
        temperature: request.temperature ?? this.settings.temperature,
        seed: request.seed ?? this.settings.seed,
        ...(request.stop && request.stop.length > 0 ? { stop: request.stop } : {}),
        ...grammarFields(request.grammar),
        stream: true,
        stream_options: { include_usage: true },
      }, request.signal);
      for await (const data of readSseData(response.body!)) {
        const chunk = JSON.parse(data) as StreamChunk;
        const choice = chunk.choices?.[0];
        const piece = choice?.delta?.content;
        if (piece) {
          firstTokenAt ??= performance.now();
          result.text += piece;
          result.tokens.completion++;
          request.onToken?.(piece);
        }
        if (choice?.finish_reason) result.stopReason = stopReasonOf(choice.finish_reason);
        if (chunk.usage) this.applyUsage(result.tokens, chunk.usage);
        if (request.signal?.aborted) break;
      }
    } catch (error) {
      if (!request.signal?.aborted) throw this.streamError(error);
    }
    if (request.signal?.aborted) result.stopReason = 'aborted';
    result.timings = { firstTokenMs: (firstTokenAt ?? performance.now()) - started, totalMs: performance.now() - started };
    return result;
  }

  private applyUsage(tokens: GenerateResult['tokens'], usage: NonNullable<StreamChunk['usage']>): void {
    tokens.prompt = usage.prompt_tokens ?? tokens.prompt;
    tokens.completion = usage.completion_tokens ?? tokens.completion;
    tokens.reusedPrompt = usage.prompt_tokens_details?.cached_tokens ?? tokens.reusedPrompt;
  }

  private streamError(error: unknown): unknown {
    if (error instanceof Error && error.name === 'TimeoutError') {
      return modelError('timeout', `${this.settings.url} stopped answering within ${this.settings.timeoutMs} ms`, 'Raise `model.timeoutMs` or lower `maxTokens`.', { cause: error });
    }
    return error;
  }

  /** Exact via the server's `/tokenize` (llama-server); else an estimate, and `info.tokenCount` says so. */
  async countTokens(text: string): Promise<number> {
    if (this.tokenizeAvailable) {
      try {
        const response = await postJson(serverRoot(this.settings), '/tokenize', { content: text });
        return ((await response.json()) as { tokens: unknown[] }).tokens.length;
      } catch (error) {
        if (!isModelError(error, 'serverError')) throw error;
        this.tokenizeAvailable = false;
        this.info.tokenCount = 'estimate';
      }
    }
    return estimateTokens(text);
  }

  async embed(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]> {
    const response = await postJson(this.settings, '/embeddings', { model: this.settings.name ?? 'default', input: texts }, signal);
    const body = (await response.json()) as { data?: { index: number; embedding: number[] }[] };
    if (!body.data || body.data.length !== texts.length) throw modelError('serverError', `${this.settings.url}/embeddings returned ${body.data?.length ?? 0} vectors for ${texts.length} texts`, 'Point `model.url` at a server that serves an embedding model.');
    return [...body.data].sort((a, b) => a.index - b.index).map((item) => Float32Array.from(item.embedding));
  }

  async dispose(): Promise<void> {
    this.disposed = true;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.dispose();
  }
}
