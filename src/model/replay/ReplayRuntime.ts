import { KrepisError } from '../../errors/index.js';
import { modelError } from '../errors.js';
import type { GenerateRequest, GenerateResult, ModelInfo, ModelRuntime } from '../ModelRuntime.js';
import { estimateTokens, requestDigest, textDigest } from '../requestDigest.js';
import { streamText } from '../streamText.js';
import { readTranscript, type GenerateEntry, type RecordedResponse, type TranscriptEntry } from './transcript.js';

/** A scripted answer: just the text, or a full response, or a recorded error to throw. */
export type ScriptedResponse = string | (Partial<RecordedResponse> & { text: string }) | { error: { code: string; message: string; hint?: string } };
/** One step of a script: a fixed answer, or a function of the request (sees what the agent asked). */
export type ScriptedStep = ScriptedResponse | ((request: GenerateRequest, index: number) => ScriptedResponse | Promise<ScriptedResponse>);

export interface ReplayRuntimeOptions {
  /** Scripted answers for tests, served in order (mode `sequential`). */
  responses?: readonly ScriptedStep[];
  /** Parsed transcript entries (what `openReplayTranscript` reads from a file). */
  entries?: readonly TranscriptEntry[];
  /** `strict`: a recorded answer is served only for a request with the same digest. `sequential`: the next answer, whatever was asked. Default: `strict` for transcripts, `sequential` for `responses`. */
  mode?: 'strict' | 'sequential';
  /** Where the answers came from, shown in `info.id` and errors. Default `memory`. */
  source?: string;
  /** Default: the transcript's recorded context size, else 8192. */
  contextSize?: number;
  /** Default: the transcript's recorded parallelism, else 1. */
  parallelism?: number;
}

type Step = ScriptedStep | GenerateEntry;

function isEntry(step: Step): step is GenerateEntry {
  return typeof step === 'object' && 'kind' in step && step.kind === 'generate';
}

function toResult(response: ScriptedResponse, request: GenerateRequest): GenerateResult {
  if (typeof response !== 'string' && 'error' in response) {
    throw new KrepisError(response.error.code, response.error.message, { hint: response.error.hint, kind: 'runtime' });
  }
  const recorded = typeof response === 'string' ? { text: response } : response;
  const streamed = streamText(recorded.text, request.onToken, request.signal);
  const promptTokens = estimateTokens(request.messages.map((m) => m.content).join('\n'));
  return {
    text: streamed.text,
    stopReason: streamed.aborted ? 'aborted' : (recorded.stopReason ?? 'eos'),
    tokens: recorded.tokens ?? { prompt: promptTokens, completion: estimateTokens(streamed.text), reusedPrompt: 0 },
    timings: recorded.timings ?? { firstTokenMs: 0, totalMs: 0 },
    ...(recorded.trimmedMessages ? { trimmedMessages: recorded.trimmedMessages } : {}),
  };
}

/**
 * A model that plays back recorded or scripted answers deterministically: the stand-in for agent
 * loop tests, and `--replay <file>` to reproduce a recorded session.
 * @example const model = createReplayRuntime({ responses: ['{"edits":[]}'] });
 */
export class ReplayRuntime implements ModelRuntime {
  readonly info: ModelInfo;
  private readonly steps: Step[];
  private readonly mode: 'strict' | 'sequential';
  private readonly counts = new Map<string, number>();
  private readonly vectors = new Map<string, number[]>();
  private served = 0;
  private disposed = false;

  constructor(options: ReplayRuntimeOptions) {
    const entries = options.entries ?? [];
    const info = entries.find((entry) => entry.kind === 'info')?.info;
    this.steps = [...entries.filter((entry): entry is GenerateEntry => entry.kind === 'generate'), ...(options.responses ?? [])];
    this.mode = options.mode ?? (options.responses ? 'sequential' : 'strict');
    for (const entry of entries) {
      if (entry.kind === 'countTokens') this.counts.set(entry.request.digest, entry.response.count);
      if (entry.kind === 'embed') this.vectors.set(entry.request.digest, entry.response.vector);
    }
    const embeddingSize = info?.embeddingSize ?? [...this.vectors.values()][0]?.length;
    this.info = {
      runtime: 'replay',
      id: options.source ?? 'memory',
      contextSize: options.contextSize ?? info?.contextSize ?? 8192,
      parallelism: options.parallelism ?? info?.parallelism ?? 1,
      ...(embeddingSize ? { embeddingSize } : {}),
    };
    if (this.vectors.size === 0) this.embed = undefined;
  }

  /** Answers served so far, and how many remain. */
  get progress(): { served: number; remaining: number } {
    return { served: this.served, remaining: this.steps.length };
  }

  async generate(request: GenerateRequest): Promise<GenerateResult> {
    if (this.disposed) throw modelError('disposed', `${this.info.id}: the replay runtime was disposed`, 'Create a new runtime.');
    const step = this.take(request);
    this.served++;
    if (isEntry(step)) {
      if (step.error) return toResult({ error: step.error }, request);
      if (!step.response) throw modelError('replayInvalid', `${this.info.id}: generate entry has neither response nor error`, 'Re-record the transcript.');
      return toResult(step.response, request);
    }
    const response = typeof step === 'function' ? await step(request, this.served - 1) : step;
    return toResult(response, request);
  }

  private take(request: GenerateRequest): Step {
    if (this.mode === 'sequential') {
      const next = this.steps.shift();
      if (next === undefined) throw this.exhausted();
      return next;
    }
    const digest = requestDigest(request);
    const index = this.steps.findIndex((step) => isEntry(step) && step.request.digest === digest);
    if (index === -1) {
      if (this.steps.length === 0) throw this.exhausted();
      throw modelError('replayMismatch', `${this.info.id}: no recorded answer for request ${digest} (after ${this.served} served)`, 'The session asked something the recording did not: re-record with `--record <file>`, or replay in sequential mode.', { details: { digest, served: this.served } });
    }
    return this.steps.splice(index, 1)[0]!;
  }

  private exhausted(): KrepisError {
    return modelError('replayExhausted', `${this.info.id}: the transcript ran out after ${this.served} answers`, 'The session made more model calls than were recorded: re-record it, or add responses to the script.', { details: { served: this.served } });
  }

  async countTokens(text: string): Promise<number> {
    return this.counts.get(textDigest(text)) ?? estimateTokens(text);
  }

  embed?: (texts: readonly string[], signal?: AbortSignal) => Promise<Float32Array[]> = async (texts) =>
    texts.map((text) => {
      const vector = this.vectors.get(textDigest(text));
      if (!vector) throw modelError('replayMismatch', `${this.info.id}: no recorded embedding for a text of ${text.length} chars`, 'Re-record the session with `--record <file>`.');
      return Float32Array.from(vector);
    });

  async dispose(): Promise<void> {
    this.disposed = true;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.dispose();
  }
}

/** A replay model over scripted answers or parsed transcript entries. */
export function createReplayRuntime(options: ReplayRuntimeOptions): ReplayRuntime {
  return new ReplayRuntime(options);
}

/** A replay model over a JSONL transcript file (strict mode unless told otherwise). */
export async function openReplayTranscript(file: string, options: Omit<ReplayRuntimeOptions, 'entries' | 'source'> = {}): Promise<ReplayRuntime> {
  return new ReplayRuntime({ ...options, entries: await readTranscript(file), source: file });
}
