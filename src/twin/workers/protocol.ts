import type { ExplorationStrategy, ScenarioReport } from '../types.js';

/** One slice of work for a worker thread. */
export interface WorkerJob {
  file: string;
  root: string;
  index: number;
  strategy: ExplorationStrategy;
  budget: number;
  seed: number;
  preemptionBound?: number;
  depth?: number;
  chaos?: boolean;
  stopOnFirst: boolean;
  /** This worker's share: schedules (random, PCT) or first-branch subtrees (DPOR, exhaustive). */
  partition: { offset: number; stride: number };
}

export type WorkerReply = { ok: true; report: ScenarioReport; states: Float64Array } | { ok: false; error: string; code?: string };
