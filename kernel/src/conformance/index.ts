/**
 * `@krepis/kernel/conformance`: the kernel's rules as functions that return
 * `{ ok: true } | { ok: false, issues }`, for an app's tests, `krepis verify` and the agent.
 */
export { checkApp, readSources, type AppUnderCheck } from './checkApp.js';
export { checkSources, isExempt, SOURCE_RULES, type SourceFile } from './checkSources.js';
export { checkControllers, checkServices } from './checkControllers.js';
export { checkStorage, type CheckStorageOptions } from './checkStorage.js';
export { mergeResults, resultOf, type ConformanceIssue, type ConformanceResult } from './types.js';
