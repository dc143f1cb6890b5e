/**
 * The agent: the verified generation loop behind `krepis ai` (context → grammar-constrained
 * whole-unit edits → overlay → verification pipeline → regeneration), and applying / undoing a
 * verified change.
 */
export { runAgentTask } from './loop/runAgentTask.js';
export { applyChange, type AppliedChange, type ApplyOptions, type UndoRecord } from './change/applyChange.js';
export { undoLastChange, type UndoResult } from './change/undoChange.js';
export { unifiedDiff, colorDiff, diffStats } from './change/diff.js';
export { AgentError, AgentErrorCode } from './errors.js';
export { editAnswerJsonSchema, parseEditAnswer, type Edit, type EditAnswer } from './edits/editSchema.js';
export { resolveWorkspacePath } from './edits/workspacePath.js';
export { Overlay } from './overlay/Overlay.js';
export { runPipeline, type PipelineOptions } from './pipeline/runPipeline.js';
export { ProjectService } from './project/ProjectService.js';
export type { TriStorePort, ContextItem, AssembledContext } from './context/TriStorePort.js';
export { STAGE_ORDER } from './types.js';
export type { AgentTask, AgentDeps, AgentReport, AgentEvent, AttemptReport, FileChange, Issue, PlanStep, ProposedChange, StageName, StageOutcome, StageResult } from './types.js';
