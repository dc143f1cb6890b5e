/**
 * The twin: deterministic simulation of async TypeScript. Virtual time, controlled interleavings
 * (random, PCT, DPOR, exhaustive), race/deadlock/hang detection, seeded faults, replayable traces.
 */
export { verifyProject, verifyScenario, verifyDefaults, summarize } from './verify.js';
export { replayToken } from './replay.js';
export { decodeReplayToken, encodeReplayToken, type ReplayPlan } from './explore/replayToken.js';
export { discoverScenarioFiles } from './load/discover.js';
export { loadScenarioFile, type LoadedScenarioFile } from './load/loadScenarioFile.js';
export { TwinErrorCode, NondeterministicApiError } from './errors.js';
export type {
  ExplorationStrategy,
  ScenarioReport,
  TraceStep,
  VerifyOptions,
  VerifyProgress,
  VerifyReport,
  Violation,
  ViolationKind,
  WorkloadStats,
} from './types.js';
export { badgeSvg, formatReport, formatTrace, htmlReport, junitReport, markdownReport, summaryLine, timelineSvg } from './report/index.js';
export { standaloneTwinPorts } from './standalone.js';
