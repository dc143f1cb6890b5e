/**
 * The one conformance suite every `ModelRuntime` adapter passes (llama on the tiny GGUF, openai
 * against a real HTTP peer, replay of a recorded session). Real model text is gibberish: the
 * cases assert properties (shape, streaming, abort, grammar validity, overflow), never wording.
 * Requests are greedy (temperature 0) and fixed, so a recorded run replays strictly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage, GenerateRequest, ModelRuntime } from './ModelRuntime.js';

export interface ConformanceOptions {
  /** Creates the runtime under test (once per suite; the last case disposes it). */
  setup: () => Promise<ModelRuntime>;
  /** Context size the runtime was created with (the overflow cases exceed it). */
  contextSize: number;
  /** Whether `embed` must be present. */
  embeddings: boolean;
}

const system: ChatMessage = { role: 'system', content: 'You are a terse assistant that answers in JSON.' };
const ask = (content: string, extra: Partial<GenerateRequest> = {}): GenerateRequest => ({ messages: [system, { role: 'user', content }], temperature: 0, seed: 7, maxTokens: 12, ...extra });
const statusSchema = { type: 'object', properties: { ok: { type: 'boolean' }, level: { enum: ['low', 'high'] } }, required: ['ok', 'level'] } as const;

/** Registers the shared cases for one adapter. */
export function describeModelRuntimeConformance(name: string, options: ConformanceOptions): void {
  describe(`ModelRuntime conformance: ${name}`, () => {
    let runtime: ModelRuntime;
    beforeAll(async () => {
      runtime = await options.setup();
    });
    afterAll(async () => {
      await runtime?.dispose();
    });

    it('describes itself', () => {
      expect(runtime.info.contextSize).toBe(options.contextSize);
      expect(runtime.info.parallelism).toBeGreaterThanOrEqual(1);
      expect(runtime.info.id.length).toBeGreaterThan(0);
      if (options.embeddings) expect(runtime.embed).toBeTypeOf('function');
    });

    it('generates text with a stop reason and token counts', async () => {
      const result = await runtime.generate(ask('Say something.'));
      expect(result.text.length).toBeGreaterThan(0);
      expect(['eos', 'max-tokens', 'stop-string']).toContain(result.stopReason);
      expect(result.tokens.prompt).toBeGreaterThan(0);
      expect(result.tokens.completion).toBeGreaterThan(0);
      expect(result.tokens.completion).toBeLessThanOrEqual(12);
      expect(result.timings.totalMs).toBeGreaterThanOrEqual(result.timings.firstTokenMs);
    });

    it('streams pieces that concatenate to the text', async () => {
      const pieces: string[] = [];
      const result = await runtime.generate(ask('Stream please.', { maxTokens: 16, onToken: (piece) => pieces.push(piece) }));
      expect(pieces.length).toBeGreaterThan(1);
      expect(pieces.join('')).toBe(result.text);
    });

    it('stops with "aborted" when the signal aborts mid-answer', async () => {
      const controller = new AbortController();
      const result = await runtime.generate(ask('Go on for long.', { maxTokens: 64, signal: controller.signal, onToken: () => controller.abort() }));
      expect(result.stopReason).toBe('aborted');
      expect(result.tokens.completion).toBeLessThan(64);
    });

    it('constrains output to a JSON schema', async () => {
      const result = await runtime.generate(ask('Report status.', { maxTokens: 48, grammar: { kind: 'json-schema', schema: statusSchema } }));
      const parsed = JSON.parse(result.text) as { ok: unknown; level: unknown };
      expect(typeof parsed.ok).toBe('boolean');
      expect(['low', 'high']).toContain(parsed.level);
    });

    it('constrains output to a GBNF grammar', async () => {
      const result = await runtime.generate(ask('Yes or no?', { maxTokens: 8, grammar: { kind: 'gbnf', gbnf: 'root ::= "yes" | "no"' } }));
      expect(['yes', 'no']).toContain(result.text.trim());
    });

    it('counts tokens', async () => {
      expect(await runtime.countTokens('hello world, this is Krepis')).toBeGreaterThan(0);
    });

    it('rejects a prompt that does not fit, and trims old turns only when asked', async () => {
      const huge = 'overflowing text '.repeat(options.contextSize);
      await expect(runtime.generate(ask(huge))).rejects.toMatchObject({ code: 'KREPIS_MODEL_PROMPT_TOO_LONG' });
      const messages: ChatMessage[] = [system, { role: 'user', content: huge }, { role: 'assistant', content: 'ok' }, { role: 'user', content: 'And now?' }];
      const trimmed = await runtime.generate({ messages, temperature: 0, seed: 7, maxTokens: 8, overflow: 'trim-oldest-turns' });
      expect(trimmed.trimmedMessages).toBeGreaterThanOrEqual(1);
      expect(trimmed.tokens.prompt).toBeLessThanOrEqual(options.contextSize - 8);
    });

    it.runIf(options.embeddings)('embeds texts into vectors of one size', async () => {
      const vectors = await runtime.embed!(['function add(a, b)', 'class Parser']);
      expect(vectors).toHaveLength(2);
      expect(vectors[0]!.length).toBeGreaterThan(0);
      expect(vectors[1]!.length).toBe(vectors[0]!.length);
      if (runtime.info.embeddingSize) expect(vectors[0]!.length).toBe(runtime.info.embeddingSize);
    });

    it('disposes idempotently and refuses work afterwards', async () => {
      await runtime.dispose();
      await runtime.dispose();
      await expect(runtime.generate(ask('after dispose'))).rejects.toMatchObject({ code: 'KREPIS_MODEL_DISPOSED' });
    });
  });
}
