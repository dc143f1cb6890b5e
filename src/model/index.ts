/**
 * The model runtime: one `ModelRuntime` port, three adapters (llama, openai, replay), GGUF
 * validation, the model catalog and downloads.
 */
export type * from './ModelRuntime.js';
export { createModelRuntime, type ModelRuntimeConfig, type ModelRuntimeOptions } from './createModelRuntime.js';
export { ModelErrorCode, modelError, isModelError, type ModelErrorName } from './errors.js';
export { fitPrompt, type FitOptions, type FittedPrompt } from './fitPrompt.js';
export { estimateTokens, requestDigest } from './requestDigest.js';
export { createReplayRuntime, openReplayTranscript, ReplayRuntime, type ReplayRuntimeOptions, type ScriptedResponse, type ScriptedStep } from './replay/ReplayRuntime.js';
export { createRecordingRuntime, RecordingRuntime } from './replay/RecordingRuntime.js';
export { parseTranscript, readTranscript, type TranscriptEntry } from './replay/transcript.js';
export { createLlamaRuntime, type LlamaRuntimeSettings } from './llama/index.js';
export type { LlamaRuntime } from './llama/LlamaRuntime.js';
export { loadLlama, chooseThreads, type GpuSetting } from './llama/loadLlama.js';
export { OpenAiRuntime, type OpenAiSettings } from './openai/OpenAiRuntime.js';
export { validateGguf } from './gguf/validateGguf.js';
export { inspectModel, type InspectOptions, type ModelInspection } from './gguf/inspectModel.js';
export { loadCatalog, findCatalogEntry, requireCatalogEntry, recommendModel, recommendEmbeddingModel, modelDir, catalogFile, type CatalogEntry } from './catalog/catalog.js';
export { parseModelSource, resolveModelPath, fileNameForUri, type ModelSource } from './catalog/modelSource.js';
export { detectGpu, type GpuReport } from './gpu/detectGpu.js';
export { pullModel, type PullOptions, type PullProgress, type PullResult } from './download/pullModel.js';
export { ensureModelAvailable, type EnsureModelOptions, type ModelAvailability } from './download/ensureModelAvailable.js';
