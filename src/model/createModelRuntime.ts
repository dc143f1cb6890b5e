import path from 'node:path';
import type { KrepisConfigValues } from '../config/index.js';
import { resolveModelPath } from './catalog/modelSource.js';
import { modelError } from './errors.js';
import type { ModelRuntime } from './ModelRuntime.js';
import { OpenAiRuntime } from './openai/OpenAiRuntime.js';
import { createRecordingRuntime } from './replay/RecordingRuntime.js';
import { openReplayTranscript } from './replay/ReplayRuntime.js';

/** The config a runtime needs: the `model` section and the project root (for relative paths). */
export interface ModelRuntimeConfig {
  model: KrepisConfigValues['model'];
  root?: string;
}

export interface ModelRuntimeOptions {
  /** Append every answer to this JSONL transcript (`--record <file>`). */
  record?: string;
  /** Play this transcript instead of running a model (`--replay <file>`), whatever `model.runtime` says. */
  replay?: string;
  /** Parallel sequences (batch jobs): `info.parallelism`. Default 1. */
  sequences?: number;
  signal?: AbortSignal;
}

async function createBase(config: ModelRuntimeConfig, options: ModelRuntimeOptions): Promise<ModelRuntime> {
  const model = config.model;
  const sequences = options.sequences ?? 1;
  if (options.replay !== undefined) return openReplayTranscript(options.replay, { parallelism: sequences });
  switch (model.runtime) {
    case 'llama': {
      const embeddingPath = model.embeddingPath === undefined ? undefined : resolveModelPath({ ...config, model: { ...model, path: model.embeddingPath } });
      // Loaded on demand: the llama adapter pulls in node-llama-cpp, which takes seconds to import.
      const { createLlamaRuntime } = await import('./llama/createLlamaRuntime.js');
      return createLlamaRuntime({ ...model, modelPath: resolveModelPath(config), embeddingPath, sequences, signal: options.signal });
    }
    case 'openai':
      if (model.url === undefined) throw modelError('notConfigured', 'model.runtime is "openai" but model.url is not set', 'Set `model.url` to the server\'s base URL, e.g. http://localhost:8080/v1.');
      return new OpenAiRuntime({ ...model, url: model.url, parallelism: sequences });
    case 'replay':
      if (model.path === undefined) throw modelError('notConfigured', 'model.runtime is "replay" but model.path (the transcript) is not set', 'Set `model.path` to a JSONL transcript written by `--record <file>`, or pass `--replay <file>`.');
      return openReplayTranscript(path.resolve(config.root ?? process.cwd(), model.path), { parallelism: sequences });
    default:
      return model.runtime satisfies never;
  }
}

/**
 * The model runtime the config asks for: `llama` (a local GGUF through node-llama-cpp), `openai`
 * (an OpenAI-compatible server) or `replay` (a recorded transcript; also `options.replay`).
 * With `options.record`, every answer is also appended to that transcript.
 * @example await using model = await createModelRuntime(config, { sequences: 4 });
 */
export async function createModelRuntime(config: ModelRuntimeConfig, options: ModelRuntimeOptions = {}): Promise<ModelRuntime> {
  const runtime = await createBase(config, options);
  return options.record === undefined ? runtime : createRecordingRuntime(runtime, options.record);
}
