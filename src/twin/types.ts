/** What went wrong in a run. */
export type ViolationKind =
  | 'atomicity'
  | 'order'
  | 'deadlock'
  | 'hang'
  | 'starvation'
  | 'invariant'
  | 'liveness'
  | 'unhandled-rejection'
  | 'double-resolve'
  | 'crash-recovery'
  | 'error';

export type ExplorationStrategy = 'random' | 'pct' | 'dpor' | 'exhaustive';

/** One step of a schedule: which task did what, at which virtual time. */
export interface TraceStep {
  step: number;
  /** Virtual ms since the run started. */
  time: number;
  task: string;
  taskId: number;
  /** The port call or event, e.g. `storage.get t/balance`. */
  op: string;
  /** What it returned or what happened (`→ v3`, `threw IoError`). */
  note?: string;
}

/** A property that did not hold, with a shrunk schedule that shows it and a token that replays it. */
export interface Violation {
  kind: ViolationKind;
  message: string;
  scenario: string;
  file?: string;
  line?: number;
  trace: TraceStep[];
  replayToken: string;
  /** Kind-specific data: the lock cycle, the locations raced on, the invariant name. */
  details?: Record<string, unknown>;
}

/** Latency and queueing percentiles of a workload, in virtual ms. */
export interface WorkloadStats {
  requests: number;
  completed: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  queueMs: { p50: number; p95: number; p99: number; max: number };
  virtualMs: number;
}

export interface ScenarioReport {
  name: string;
  file?: string;
  ok: boolean;
  strategy: ExplorationStrategy;
  seed: number;
  schedules: number;
  distinctStates: number;
  transitions: number;
  /** Locations with conflicting accesses not ordered by happens-before (informational; violations are separate). */
  races: number;
  violations: Violation[];
  wallMs: number;
  virtualMs: number;
  /** Whether the strategy covered every schedule (exhaustive/DPOR finished inside the budget). */
  complete: boolean;
  workload?: WorkloadStats;
  /** Set when the scenario could not run at all (throws in setup, bad file). */
  error?: string;
}

export interface VerifyReport {
  ok: boolean;
  scenarios: ScenarioReport[];
  distinctStates: number;
  transitions: number;
  schedules: number;
  violations: Violation[];
  wallMs: number;
  virtualMs: number;
}

export interface VerifyProgress {
  scenario: string;
  schedules: number;
  budget: number;
  distinctStates: number;
  violations: number;
}

export interface VerifyOptions {
  /** Scenario files; default: every `**\/*.twin.ts` under the root. */
  files?: string[];
  /** Default `dpor`. */
  strategy?: ExplorationStrategy;
  /** Schedules per scenario. Default 1000. */
  budget?: number;
  /** Default 1. */
  seed?: number;
  /** Preemptions allowed per schedule (DPOR, exhaustive). Default 2 for DPOR, unbounded for exhaustive. */
  preemptionBound?: number;
  /** PCT depth. Default 3. */
  depth?: number;
  /** Worker threads. Default 1 (in-process). */
  workers?: number;
  /** Inject the scenario's chaos profile (or a default one). Default: on when the scenario declares `chaos`. */
  chaos?: boolean;
  /** Stop at the first violation of each scenario. Default true. */
  stopOnFirst?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: VerifyProgress) => void;
}
