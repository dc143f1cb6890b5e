/**
 * The model runtime: one `ModelRuntime` port, three adapters (llama, openai, replay), GGUF
 * validation, the model catalog and downloads.
 */
export type * from './ModelRuntime.js';
export { ModelErrorCode, modelError, isModelError, type ModelErrorName } from './errors.js';
export { estimateTokens, requestDigest } from './requestDigest.js';
export { createReplayRuntime, openReplayTranscript, ReplayRuntime, type ReplayRuntimeOptions, type ScriptedResponse, type ScriptedStep } from './replay/ReplayRuntime.js';
export { createRecordingRuntime, RecordingRuntime } from './replay/RecordingRuntime.js';
export { parseTranscript, readTranscript, type TranscriptEntry } from './replay/transcript.js';
