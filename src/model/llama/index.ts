import type { LlamaRuntime } from './LlamaRuntime.js';
import type { LlamaRuntimeSettings } from './createLlamaRuntime.js';

export type { LlamaRuntimeSettings } from './createLlamaRuntime.js';

/**
 * Loads a GGUF with node-llama-cpp and returns the `llama` runtime (see `createLlamaRuntime` in
 * createLlamaRuntime.ts). The adapter is imported on first call, so importing `src/model` stays cheap.
 */
export async function createLlamaRuntime(settings: LlamaRuntimeSettings): Promise<LlamaRuntime> {
  return (await import('./createLlamaRuntime.js')).createLlamaRuntime(settings);
}
