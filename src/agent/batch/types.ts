import type { ItemError } from './errors.js';

/**
 * An item's life: `pending → running → verified | failed`, then `verified → applied` when the job
 * writes changes. `running` found at resume goes back to `pending`; `verified` found at resume in
 * an applying job is applied exactly once.
 */
export type ItemState = 'pending' | 'running' | 'verified' | 'failed' | 'applied';

/** How verified changes reach the project. */
export type ApplyMode = 'report' | 'apply' | 'commit-per-item' | 'branch';

/** What one agent task works on: a file, or one symbol in a file. */
export type BatchTarget = { kind: 'file'; file: string } | { kind: 'symbol'; file: string; symbol: string };

/** One file of a verified change; `null` content means the file does not exist (before) or is deleted (after). */
export interface ChangedFile {
  path: string;
  before: string | null;
  after: string | null;
}

/** A verified change as the batch stores it. */
export interface ItemChange {
  files: ChangedFile[];
  diff: string;
}

/** One verification stage's result in an item's last attempt. */
export interface StageSummary {
  name: string;
  ok: boolean;
  issues: number;
}

/** Lines added and removed by an item's change. */
export interface DiffStats {
  files: number;
  additions: number;
  deletions: number;
}

/** What the executor returns for one item: a value, never a throw, for expected failure. */
export interface ItemOutcome {
  status: 'verified' | 'failed';
  attempts: number;
  stages: StageSummary[];
  change?: ItemChange;
  tokens: { prompt: number; completion: number };
  timeMs: number;
  error?: ItemError;
}

/** The stored record of one item. */
export interface BatchItem {
  id: string;
  target: BatchTarget;
  state: ItemState;
  /** How many times the item was started (a restart after a crash counts again). */
  runs: number;
  attempts: number;
  stages: StageSummary[];
  tokens: { prompt: number; completion: number };
  timeMs: number;
  diffStats?: DiffStats;
  error?: ItemError;
  /** Set before files are written: the apply step in progress (see applyChange). */
  applying?: boolean;
  /** Commit made for this item (`commit-per-item`, `branch`). */
  commit?: string;
}

/** What an executor gets besides the item. */
export interface ItemContext {
  /** Aborted on Ctrl-C or when the item's time is up. */
  signal: AbortSignal;
  /** The tree the agent works in (the project root, or the job's worktree in `branch` mode). */
  root: string;
}

/** Runs one item (one agent task, with its verification) to an outcome. */
export type ItemExecutor = (item: BatchItem, context: ItemContext) => Promise<ItemOutcome>;
