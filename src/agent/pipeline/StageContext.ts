import type { ResolvedConfig } from '../../config/index.js';
import type { TriStorePort } from '../context/TriStorePort.js';
import type { Overlay } from '../overlay/Overlay.js';
import type { ProjectService } from '../project/ProjectService.js';
import type { FileChange, Issue, StageResult } from '../types.js';

/** What every stage sees: the change in its overlay, the project service, and the ports to outside engines. */
export interface StageContext {
  root: string;
  config: ResolvedConfig;
  overlay: Overlay;
  changes: readonly FileChange[];
  project: ProjectService;
  tristore?: TriStorePort;
  signal?: AbortSignal;
  /** A temp copy of the workspace with the overlay written into it (made once, on first use). */
  materialize(): Promise<string>;
  /** Shared between the types and hallucination stages: one type check per attempt. */
  typeCheck?: TypeCheckResult;
}

export interface TypeCheckResult {
  issues: Issue[];
  hallucinations: Issue[];
  checkedFiles: number;
  preexisting: number;
}

export type Stage = (context: StageContext) => Promise<StageResult>;

/** Issues as a stage result. */
export const resultOf = (issues: Issue[], detail?: string, data?: Record<string, unknown>): StageResult =>
  issues.length === 0 ? { ok: true, ...(detail === undefined ? {} : { detail }), ...(data ? { data } : {}) } : { ok: false, issues, ...(data ? { data } : {}) };
