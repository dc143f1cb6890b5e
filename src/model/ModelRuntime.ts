/**
 * The model runtime port: one interface for every way Krepis runs a language model.
 * Adapters: `llama` (node-llama-cpp in-process), `openai` (an OpenAI-compatible server),
 * `replay` (a recorded transcript). Every adapter passes `ModelRuntime.case.ts`.
 */

export type Role = 'system' | 'user' | 'assistant';

export interface ChatMessage {
  role: Role;
  content: string;
}

/** Output constrained by a grammar: well-formed by construction. */
export type OutputGrammar =
  | { kind: 'json-schema'; schema: Readonly<Record<string, unknown>> }
  | { kind: 'gbnf'; gbnf: string };

/** What to do when the prompt does not fit the context: fail, or drop the oldest non-system turns and say so. */
export type OverflowPolicy = 'error' | 'trim-oldest-turns';

export interface GenerateRequest {
  /** The conversation; a leading `system` message is the stable prefix reused across requests. */
  messages: readonly ChatMessage[];
  /** Longest answer, in tokens. Default: the config's `model.maxTokens`. */
  maxTokens?: number;
  /** Default: the config's `model.temperature`. */
  temperature?: number;
  /** Default: the config's `model.seed`. */
  seed?: number;
  grammar?: OutputGrammar;
  /** Strings that end the answer (not included in it). */
  stop?: readonly string[];
  /** Default `error`: a prompt that does not fit is never silently truncated. */
  overflow?: OverflowPolicy;
  signal?: AbortSignal;
  /** Called with each piece of text as it is generated. */
  onToken?: (text: string) => void;
}

export type StopReason = 'eos' | 'max-tokens' | 'stop-string' | 'aborted';

export interface GenerateResult {
  text: string;
  stopReason: StopReason;
  tokens: {
    prompt: number;
    completion: number;
    /** Prompt tokens whose evaluation was reused from an earlier request (prefix / KV cache reuse). */
    reusedPrompt: number;
  };
  timings: {
    /** Request start to the first generated token, in ms. */
    firstTokenMs: number;
    totalMs: number;
  };
  /** Set when `overflow: 'trim-oldest-turns'` removed messages to fit: how many. */
  trimmedMessages?: number;
}

export interface ModelInfo {
  runtime: 'llama' | 'openai' | 'replay';
  /** File path, server model name, or transcript path. */
  id: string;
  contextSize: number;
  /** Parallel sequences this runtime can serve at once (batch jobs). */
  parallelism: number;
  /** Embedding vector length, when the runtime can embed. */
  embeddingSize?: number;
  /** Whether `countTokens` uses the model's tokenizer (`exact`) or a character estimate. Default `exact`. */
  tokenCount?: 'exact' | 'estimate';
}

export interface ModelRuntime extends AsyncDisposable {
  readonly info: ModelInfo;
  /** Generates one answer. Concurrent calls run on separate sequences, up to `info.parallelism`. */
  generate(request: GenerateRequest): Promise<GenerateResult>;
  /** Tokens `text` takes with this model's tokenizer. */
  countTokens(text: string): Promise<number>;
  /** Embeds each text (one vector per text), when the runtime has an embedding model. */
  embed?(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]>;
  dispose(): Promise<void>;
}
