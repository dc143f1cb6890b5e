import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { KrepisError } from '../../errors/index.js';
import type { GenerateRequest, GenerateResult, ModelInfo, ModelRuntime } from '../ModelRuntime.js';
import { requestDigest, textDigest } from '../requestDigest.js';
import type { TranscriptEntry } from './transcript.js';

const PREVIEW_CHARS = 160;

/**
 * Wraps any runtime and appends every answer to a JSONL transcript (one line per call, written
 * synchronously so a crash loses nothing). `openReplayTranscript(file)` plays it back.
 */
export class RecordingRuntime implements ModelRuntime {
  readonly info: ModelInfo;
  readonly embed?: (texts: readonly string[], signal?: AbortSignal) => Promise<Float32Array[]>;

  constructor(
    private readonly inner: ModelRuntime,
    readonly file: string,
  ) {
    this.info = inner.info;
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    this.write({ v: 1, kind: 'info', info: { ...inner.info } });
    const embed = inner.embed?.bind(inner);
    if (embed) this.embed = (texts, signal) => this.recordEmbed(embed, texts, signal);
  }

  private write(entry: TranscriptEntry): void {
    appendFileSync(this.file, `${JSON.stringify(entry)}\n`);
  }

  async generate(request: GenerateRequest): Promise<GenerateResult> {
    const last = request.messages.at(-1)?.content ?? '';
    const recordedRequest = { digest: requestDigest(request), preview: last.slice(0, PREVIEW_CHARS) };
    try {
      const result = await this.inner.generate(request);
      const { text, stopReason, tokens, timings, trimmedMessages } = result;
      this.write({ v: 1, kind: 'generate', request: recordedRequest, response: { text, stopReason, tokens, timings, ...(trimmedMessages ? { trimmedMessages } : {}) } });
      return result;
    } catch (error) {
      if (error instanceof KrepisError) {
        this.write({ v: 1, kind: 'generate', request: recordedRequest, error: { code: error.code, message: error.message, hint: error.hint, kind: error.kind } });
      }
      throw error;
    }
  }

  async countTokens(text: string): Promise<number> {
    const count = await this.inner.countTokens(text);
    this.write({ v: 1, kind: 'countTokens', request: { digest: textDigest(text) }, response: { count } });
    return count;
  }

  private async recordEmbed(embed: NonNullable<ModelRuntime['embed']>, texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]> {
    const vectors = await embed(texts, signal);
    vectors.forEach((vector, index) => this.write({ v: 1, kind: 'embed', request: { digest: textDigest(texts[index] ?? '') }, response: { vector: Array.from(vector) } }));
    return vectors;
  }

  async dispose(): Promise<void> {
    await this.inner.dispose();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.dispose();
  }
}

/** Records `runtime`'s answers to `file` (appending). */
export function createRecordingRuntime(runtime: ModelRuntime, file: string): RecordingRuntime {
  return new RecordingRuntime(runtime, file);
}
