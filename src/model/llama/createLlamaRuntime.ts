import { stat } from 'node:fs/promises';
import { GgufInsights, InsufficientMemoryError, type Llama, type LlamaEmbeddingContext, type LlamaModel } from 'node-llama-cpp';
import type { KrepisError } from '../../errors/index.js';
import { modelError } from '../errors.js';
import { validateGguf } from '../gguf/validateGguf.js';
import { GrammarCache } from './grammarCache.js';
import { chooseThreads, loadLlama, type GpuSetting } from './loadLlama.js';
import { LlamaRuntime } from './LlamaRuntime.js';

/** How to run a GGUF in-process (the `model` config section, resolved to files). */
export interface LlamaRuntimeSettings {
  /** An existing GGUF file. */
  modelPath: string;
  /** Separate embedding GGUF; default: embed with the main model. */
  embeddingPath?: string;
  /** Default `auto`. */
  gpu?: GpuSetting;
  /** Default `auto`. */
  gpuLayers?: 'auto' | 'max' | number;
  contextSize: number;
  /** Default: 1 for tiny models, else the math cores. */
  threads?: number;
  /** Parallel sequences (batch jobs). Default 1. */
  sequences?: number;
  temperature: number;
  seed: number;
  maxTokens: number;
  signal?: AbortSignal;
}

/** Longest embedding input, in tokens: the embedding model's trained context up to this. */
const MAX_EMBEDDING_CONTEXT = 8192;

function loadError(file: string, cause: unknown): KrepisError {
  if (cause instanceof InsufficientMemoryError) {
    return modelError('outOfMemory', `Not enough memory to load ${file}: ${cause.message}`, 'Lower `model.contextSize` or `model.gpuLayers`, or pick a smaller model (`krepis model list`).', { cause });
  }
  return modelError('loadFailed', `llama.cpp could not load ${file}: ${cause instanceof Error ? cause.message : String(cause)}`, 'Run `krepis model info <path>` to check the file, or re-download it.', { cause });
}

async function loadModel(llama: Llama, file: string, settings: LlamaRuntimeSettings): Promise<LlamaModel> {
  await validateGguf(file);
  try {
    return await llama.loadModel({ modelPath: file, gpuLayers: settings.gpuLayers ?? 'auto', loadSignal: settings.signal });
  } catch (cause) {
    throw loadError(file, cause);
  }
}

/**
 * Loads a GGUF with node-llama-cpp and returns the `llama` runtime: validated in JS first, the
 * GPU detected, an explicit context with `sequences` parallel sequences, threads fitted to the cores.
 */
export async function createLlamaRuntime(settings: LlamaRuntimeSettings): Promise<LlamaRuntime> {
  const llama = await loadLlama(settings.gpu ?? 'auto');
  const model = await loadModel(llama, settings.modelPath, settings);
  const threads = chooseThreads(llama, (await stat(settings.modelPath)).size, settings.threads);
  let embeddingModel: LlamaModel | undefined;
  let embedding: Promise<LlamaEmbeddingContext> | undefined;
  try {
    const context = await model.createContext({ contextSize: settings.contextSize, sequences: settings.sequences ?? 1, threads, createSignal: settings.signal });
    const embeddingContext = (): Promise<LlamaEmbeddingContext> =>
      (embedding ??= (async () => {
        embeddingModel = settings.embeddingPath ? await loadModel(llama, settings.embeddingPath, settings) : model;
        return embeddingModel.createEmbeddingContext({ contextSize: Math.min(embeddingModel.trainContextSize, MAX_EMBEDDING_CONTEXT), threads });
      })());
    const release = async (): Promise<void> => {
      if (embedding) await (await embedding.catch(() => undefined))?.dispose();
      if (embeddingModel && embeddingModel !== model) await embeddingModel.dispose();
      await model.dispose();
    };
    const embeddingSize = settings.embeddingPath ? (await GgufInsights.from(await validateGguf(settings.embeddingPath))).embeddingVectorSize : model.embeddingVectorSize;
    return new LlamaRuntime({ model, context, grammars: new GrammarCache(llama), embeddingContext, release }, settings, { id: settings.modelPath, ...(embeddingSize ? { embeddingSize } : {}) });
  } catch (cause) {
    await model.dispose();
    throw loadError(settings.modelPath, cause);
  }
}
