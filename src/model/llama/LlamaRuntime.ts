import type { LlamaContext, LlamaEmbeddingContext, LlamaModel, Token } from 'node-llama-cpp';
import { modelError } from '../errors.js';
import { fitPrompt } from '../fitPrompt.js';
import type { ChatMessage, GenerateRequest, GenerateResult, ModelInfo, ModelRuntime } from '../ModelRuntime.js';
import { promptTokens, toChatHistory, toStopReason } from './chatPrompt.js';
import type { GrammarCache } from './grammarCache.js';
import { reusable, SequencePool, type SequenceSlot } from './SequencePool.js';

/** Sampling defaults a request may override. */
export interface SamplingDefaults {
  temperature: number;
  seed: number;
  maxTokens: number;
}

/** What a LlamaRuntime runs on; built by `createLlamaRuntime`. */
export interface LlamaParts {
  model: LlamaModel;
  context: LlamaContext;
  grammars: GrammarCache;
  /** Lazily creates the embedding context (the main model or a separate embedding GGUF). */
  embeddingContext: () => Promise<LlamaEmbeddingContext>;
  /** Called last by `dispose()`, for what `createLlamaRuntime` owns beyond the context. */
  release: () => Promise<void>;
}

/** The `llama` adapter: node-llama-cpp in-process, one sequence per concurrent request. */
export class LlamaRuntime implements ModelRuntime {
  readonly info: ModelInfo;
  private readonly pool: SequencePool;
  private disposed = false;

  constructor(
    private readonly parts: LlamaParts,
    private readonly defaults: SamplingDefaults,
    info: Omit<ModelInfo, 'runtime' | 'contextSize' | 'parallelism'>,
  ) {
    this.pool = new SequencePool(parts.context, parts.context.totalSequences);
    this.info = { runtime: 'llama', contextSize: parts.context.contextSize, parallelism: parts.context.totalSequences, ...info };
  }

  /** The loaded node-llama-cpp model (tokenizer, metadata). */
  get model(): LlamaModel {
    return this.parts.model;
  }

  private tokensOf(messages: readonly ChatMessage[]): Token[] {
    return promptTokens(this.pool.chatWrapper, this.parts.model, messages);
  }

  async generate(request: GenerateRequest): Promise<GenerateResult> {
    if (this.disposed) throw modelError('disposed', 'The llama runtime was disposed', 'Create a new runtime with createModelRuntime().');
    const started = performance.now();
    const maxTokens = request.maxTokens ?? this.defaults.maxTokens;
    // fitPrompt's last count is always of the messages it returns: keep those tokens.
    let tokens: Token[] = [];
    const countPrompt = (messages: readonly ChatMessage[]): number => (tokens = this.tokensOf(messages)).length;
    const fitted = await fitPrompt(request.messages, { contextSize: this.info.contextSize, maxTokens, overflow: request.overflow ?? 'error', countPrompt });
    const base = { tokens: { prompt: tokens.length, completion: 0, reusedPrompt: 0 }, ...(fitted.trimmed > 0 ? { trimmedMessages: fitted.trimmed } : {}) };
    if (request.signal?.aborted) return { ...base, text: '', stopReason: 'aborted', timings: { firstTokenMs: 0, totalMs: performance.now() - started } };
    const slot = await this.pool.acquire(tokens);
    try {
      return { ...base, ...(await this.run(slot, fitted.messages, request, { maxTokens, started, promptTokens: tokens })) };
    } finally {
      this.pool.release(slot);
    }
  }

  private async run(slot: SequenceSlot, messages: readonly ChatMessage[], request: GenerateRequest, at: { maxTokens: number; started: number; promptTokens: Token[] }): Promise<Omit<GenerateResult, 'trimmedMessages'>> {
    const reusedPrompt = reusable(slot, at.promptTokens);
    const grammar = request.grammar ? await this.parts.grammars.get(request.grammar) : undefined;
    let firstTokenAt: number | undefined;
    let completion = 0;
    let streamed = '';
    const onTextChunk = (text: string): void => {
      firstTokenAt ??= performance.now();
      streamed += text;
      request.onToken?.(text);
    };
    const tokens = { prompt: at.promptTokens.length, reusedPrompt };
    try {
      const response = await slot.chat.generateResponse(toChatHistory(messages), {
        onTextChunk,
        onToken: (generated) => (completion += generated.length),
        signal: request.signal,
        stopOnAbortSignal: true,
        maxTokens: at.maxTokens,
        temperature: request.temperature ?? this.defaults.temperature,
        seed: request.seed ?? this.defaults.seed,
        grammar,
        customStopTriggers: request.stop && request.stop.length > 0 ? request.stop : undefined,
      });
      const totalMs = performance.now() - at.started;
      return { text: response.response, stopReason: toStopReason(response.metadata.stopReason), tokens: { ...tokens, completion }, timings: { firstTokenMs: (firstTokenAt ?? performance.now()) - at.started, totalMs } };
    } catch (error) {
      if (!request.signal?.aborted) throw error;
      const totalMs = performance.now() - at.started;
      return { text: streamed, stopReason: 'aborted', tokens: { ...tokens, completion }, timings: { firstTokenMs: (firstTokenAt ?? performance.now()) - at.started, totalMs } };
    }
  }

  async countTokens(text: string): Promise<number> {
    return this.parts.model.tokenize(text).length;
  }

  async embed(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]> {
    const context = await this.parts.embeddingContext();
    const vectors: Float32Array[] = [];
    for (const [index, text] of texts.entries()) {
      signal?.throwIfAborted();
      try {
        vectors.push(Float32Array.from((await context.getEmbeddingFor(text)).vector));
      } catch (cause) {
        if (!/context size|longer than/i.test(cause instanceof Error ? cause.message : '')) throw cause;
        throw modelError('promptTooLong', `Text ${index} (${text.length} chars) is longer than the embedding context`, 'Embed smaller chunks (split the text), or use an embedding model with a longer context.', { cause });
      }
    }
    return vectors;
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.pool.dispose();
    await this.parts.context.dispose();
    await this.parts.release();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.dispose();
  }
}
