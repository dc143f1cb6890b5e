import type { ResolvedConfig } from '../config/index.js';
import type { ModelRuntime } from '../model/ModelRuntime.js';
import type { TriStorePort } from './context/TriStorePort.js';

/** The verification stages, in pipeline order. */
export type StageName = 'syntax' | 'types' | 'hallucination' | 'conventions' | 'tests' | 'twin' | 'conformance';

export const STAGE_ORDER: readonly StageName[] = ['syntax', 'types', 'hallucination', 'conventions', 'tests', 'twin', 'conformance'];

/** One problem found by a stage, located in the overlay. */
export interface Issue {
  file: string;
  /** 1-based; 0 when the issue is about the whole file or change. */
  line: number;
  message: string;
  /** For the twin: the shrunk trace and the replay token. */
  trace?: string;
}

/** What a stage returns: expected failure is a value. */
export type StageResult = { ok: true; detail?: string; /** Set when the stage had nothing to check, with why. */ skipped?: string; data?: Record<string, unknown> } | { ok: false; issues: Issue[]; data?: Record<string, unknown> };

/** A stage's outcome in a report: `skipped` says why (never a silent pass). */
export type StageOutcome =
  | { stage: StageName; status: 'passed'; ms: number; detail?: string; data?: Record<string, unknown> }
  | { stage: StageName; status: 'failed'; ms: number; issues: Issue[]; data?: Record<string, unknown> }
  | { stage: StageName; status: 'skipped'; reason: string }
  | { stage: StageName; status: 'not-run'; reason: string };

/** One file of a proposed change. `before` is null for a new file. */
export interface FileChange {
  path: string;
  before: string | null;
  after: string;
}

/** A change held in the overlay, not yet written. */
export interface ProposedChange {
  files: FileChange[];
  /** Unified diff of every file. */
  diff: string;
  summary: string;
}

export interface AttemptReport {
  attempt: number;
  seed: number;
  temperature: number;
  /** `edit` when the answer could not become a change (empty, cut off, refused edit). */
  outcome: 'verified' | 'failed' | 'edit-rejected' | 'aborted';
  stages: StageOutcome[];
  /** Problems with the answer itself (parse, refused paths), when `outcome` is `edit-rejected`. */
  editIssues: Issue[];
  hallucinations: number;
  tokens: { prompt: number; completion: number; reusedPrompt: number };
  timings: { firstTokenMs: number; generateMs: number; verifyMs: number };
  stopReason?: string;
  diff?: string;
  summary?: string;
}

export type AgentEvent =
  | { type: 'plan'; steps: PlanStep[] }
  | { type: 'context'; items: number; tokens: number; omitted: number; source: string }
  | { type: 'attempt-start'; attempt: number; seed: number; temperature: number }
  | { type: 'token'; attempt: number; text: string }
  | { type: 'generated'; attempt: number; stopReason: string; tokens: number }
  | { type: 'stage'; attempt: number; outcome: StageOutcome }
  | { type: 'attempt-end'; attempt: number; outcome: AttemptReport['outcome'] };

export interface PlanStep {
  action: 'create' | 'change';
  file: string;
  symbol: string;
  why: string;
}

/** One request to the agent. */
export interface AgentTask {
  prompt: string;
  /** Project root (absolute). */
  root: string;
  focus?: { files?: string[]; symbols?: string[] };
  /** Default: `config.agent.attempts` (4). */
  attempts?: number;
  /** Stages to run. Default: all of them. */
  stages?: StageName[];
  /** Run every stage even after one fails. Default: `config.agent.full` (false). */
  full?: boolean;
  /** Let the model edit test files and test config. Default: only when the prompt asks for test changes. */
  allowTestEdits?: boolean;
  /** Ask the model for a plan first. Default: for long prompts without a focus. */
  plan?: boolean;
  signal?: AbortSignal;
  onEvent?: (event: AgentEvent) => void;
}

export interface AgentDeps {
  runtime: ModelRuntime;
  config: ResolvedConfig;
  tristore?: TriStorePort;
}

export interface AgentReport {
  status: 'verified' | 'failed' | 'aborted';
  /** One line: why it ended like this. */
  reason: string;
  attempts: AttemptReport[];
  /** The verified change, or the best failed attempt's (never written). */
  change?: ProposedChange;
  /** Which attempt `change` is. */
  bestAttempt?: number;
  plan?: PlanStep[];
  context: { source: string; items: number; tokens: number; omitted: { name: string; reason: string }[] };
  testEdits: { allowed: boolean; files: string[] };
  tokens: { prompt: number; completion: number };
  timeMs: number;
  hallucinations: number;
}
