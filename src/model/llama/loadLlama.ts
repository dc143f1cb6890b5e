import { availableParallelism } from 'node:os';
import type { Llama, LlamaGpuType } from 'node-llama-cpp';
import { modelError } from '../errors.js';
import { llamaCpp } from '../llamaCpp.js';

/** The GPU setting of `model.gpu`: `auto`, a backend, or `false` for the CPU. */
export type GpuSetting = 'auto' | 'cuda' | 'vulkan' | 'metal' | false;

const loaded = new Map<string, Promise<Llama>>();

/**
 * The llama.cpp bindings for `gpu`, loaded once per process (loading takes seconds) and shared by
 * every runtime. Never builds from source (`build: 'never'`): a missing prebuilt binary is a
 * KrepisError that says which backend to pick instead.
 */
export function loadLlama(gpu: GpuSetting = 'auto'): Promise<Llama> {
  const key = String(gpu);
  let pending = loaded.get(key);
  if (!pending) {
    pending = llamaCpp()
      .then(({ getLlama, LlamaLogLevel }) => getLlama({ gpu: gpu as 'auto' | LlamaGpuType, build: 'never', logLevel: LlamaLogLevel.error, progressLogs: false }))
      .catch((cause: unknown) => {
      loaded.delete(key);
      throw modelError('backend', `The llama.cpp backend "${key}" cannot be loaded: ${cause instanceof Error ? cause.message : String(cause)}`, 'Set `model.gpu` to "auto" or false (CPU), or reinstall node-llama-cpp with prebuilt binaries for your platform.', { cause });
    });
    loaded.set(key, pending);
  }
  return pending;
}

/** Models up to this size decode fastest on one thread: more threads only add sync overhead. */
const TINY_MODEL_BYTES = 64 * 1024 * 1024;

/**
 * Threads for generation: the configured count, else 1 for tiny models, else the cores llama.cpp
 * can use for math, never more than the cores this process may run on (node-llama-cpp's default
 * of 4 on a 2-core machine was measured 70× slower).
 */
export function chooseThreads(llama: Llama, modelBytes: number, configured?: number): number {
  if (configured !== undefined) return configured;
  if (modelBytes <= TINY_MODEL_BYTES) return 1;
  return Math.max(1, Math.min(llama.cpuMathCores, availableParallelism()));
}
