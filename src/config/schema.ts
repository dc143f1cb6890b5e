import { z } from 'zod';

const positiveInt = z.number().int().positive();

/** The local model and how it runs. */
export const modelSchema = z.strictObject({
  /** Which adapter runs the model. Default `llama` (node-llama-cpp, in-process). */
  runtime: z.enum(['llama', 'openai', 'replay']).default('llama'),
  /** Path to a GGUF file, or a catalog alias (`krepis model list`). Default: none (the catalog's pick for this GPU). */
  path: z.string().min(1).optional(),
  /** Where `krepis model pull` stores GGUFs. Default `~/.krepis/models`. */
  dir: z.string().min(1).optional(),
  /** GPU backend: `auto` detects CUDA, Vulkan or Metal; `false` forces the CPU. Default `auto`. */
  gpu: z.union([z.enum(['auto', 'cuda', 'vulkan', 'metal']), z.literal(false)]).default('auto'),
  /** Layers offloaded to the GPU: `auto` fits what the free VRAM allows. Default `auto`. */
  gpuLayers: z.union([z.literal('auto'), z.literal('max'), z.number().int().nonnegative()]).default('auto'),
  /** Context size in tokens. Default 8192. */
  contextSize: positiveInt.default(8192),
  /** CPU threads for generation. Default: 1 for tiny models (≤ 64 MiB, fastest measured), else the cores llama.cpp uses for math. */
  threads: positiveInt.optional(),
  /** Sampling temperature. Default 0.2. */
  temperature: z.number().min(0).max(2).default(0.2),
  /** Seed for sampling. Default 42. */
  seed: z.number().int().nonnegative().default(42),
  /** Longest answer in tokens. Default 2048. */
  maxTokens: positiveInt.default(2048),
  /** Base URL of an OpenAI-compatible server (runtime `openai`), e.g. `http://localhost:8080/v1`. */
  url: z.url().optional(),
  /** API key for the OpenAI-compatible server, if it needs one. */
  apiKey: z.string().optional(),
  /** Model name to ask the OpenAI-compatible server for. */
  name: z.string().optional(),
  /** Request timeout for remote runtimes, in ms. Default 120000. */
  timeoutMs: positiveInt.default(120_000),
  /** Embedding GGUF (path or catalog alias) for the vector store. Default: none (lexical search only). */
  embeddingPath: z.string().min(1).optional(),
});

/** The Tri-Store index. */
export const indexSchema = z.strictObject({
  /** Store folder, relative to the project root. Default `.krepis`. */
  dir: z.string().min(1).default('.krepis'),
  /** Files larger than this are skipped (reason `oversize`). Default 1 MiB. */
  maxFileBytes: positiveInt.default(1024 * 1024),
  /** Extra ignore patterns (gitignore syntax), on top of .gitignore and .krepisignore. */
  ignore: z.array(z.string()).default([]),
  /**
   * When the type checker resolves member calls (`orders.create()`, `this.repo.save()`) into
   * `calls` edges: `lazy` for the files a query needs, `eager` for every file after each index.
   * Default `lazy`.
   */
  typeFacts: z.enum(['lazy', 'eager']).default('lazy'),
});

/** The code graph. */
export const graphSchema = z.strictObject({
  /** SurrealDB server URL (e.g. `ws://localhost:8000`). Default: embedded, file-backed under the store folder. */
  url: z.string().min(1).optional(),
  namespace: z.string().min(1).default('krepis'),
  database: z.string().min(1).default('code'),
  username: z.string().optional(),
  password: z.string().optional(),
});

/** The vector store. */
export const vectorsSchema = z.strictObject({
  /** Qdrant URL (e.g. `http://localhost:6333`). Default: the embedded store under the store folder. */
  url: z.string().min(1).optional(),
  apiKey: z.string().optional(),
  /** Collection name. Default: derived from the project folder name. */
  collection: z.string().min(1).optional(),
});

/** The generation loop (`krepis ai`). */
export const agentSchema = z.strictObject({
  /** Attempts before giving up. Default 4. */
  attempts: positiveInt.default(4),
  /** Run every verification stage even after one fails. Default false. */
  full: z.boolean().default(false),
  /** Token budget for assembled context. Default: what the model's context leaves after the prompt and the answer. */
  contextBudget: positiveInt.optional(),
  /** Time limit for the project's tests in the pipeline, in ms. Default 120000. */
  testTimeoutMs: positiveInt.default(120_000),
});

/** The twin (`krepis verify`). */
export const verifySchema = z.strictObject({
  strategy: z.enum(['random', 'pct', 'dpor', 'exhaustive']).default('dpor'),
  /** Schedules explored per scenario. Default 10000. */
  budget: positiveInt.default(10_000),
  /** Preemption bound for DPOR. Default 2. */
  preemptionBound: z.number().int().nonnegative().default(2),
  seed: z.number().int().nonnegative().default(1),
  /** Worker threads; more than 1 splits each scenario's schedules across threads. Default: 1 (in-process). */
  workers: positiveInt.optional(),
});

/** Batch rewrite jobs. */
export const batchSchema = z.strictObject({
  /** Agents at once (model context sequences). Default 4. */
  concurrency: positiveInt.default(4),
});

export const configSchema = z.strictObject({
  model: modelSchema.default(() => modelSchema.parse({})),
  index: indexSchema.default(() => indexSchema.parse({})),
  graph: graphSchema.default(() => graphSchema.parse({})),
  vectors: vectorsSchema.default(() => vectorsSchema.parse({})),
  agent: agentSchema.default(() => agentSchema.parse({})),
  verify: verifySchema.default(() => verifySchema.parse({})),
  batch: batchSchema.default(() => batchSchema.parse({})),
});

/** What a user may write in a config file: every field optional. */
export type KrepisUserConfig = z.input<typeof configSchema>;
/** The validated config with defaults filled in. */
export type KrepisConfigValues = z.output<typeof configSchema>;
