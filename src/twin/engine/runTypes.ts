import type { ChaosProfile, Scenario } from '@krepis/kernel';
import type { TraceStep, ViolationKind } from '../types.js';
import type { Chooser } from './choice.js';
import type { Task } from './Task.js';

/** Virtual time starts at a fixed, realistic instant so `Date` values look plausible. */
export const EPOCH_MS = 1_767_225_600_000;

/** A violation as found inside a run (the explorer adds the scenario, trace and token). */
export interface Finding {
  kind: ViolationKind;
  message: string;
  step: number;
  details?: Record<string, unknown>;
}

export interface RunOptions {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly chooser: Chooser;
  /** Chaos profile in force, if any. */
  readonly chaos?: ChaosProfile;
  /** Keep the readable trace (off while exploring fast, on for replays). Default true. */
  readonly trace?: boolean;
  readonly maxSteps?: number;
  /** Steps a waiter may watch others get the same lock (or win the same CAS) before it is starved. */
  readonly starvationLimit?: number;
  /** End the run at its first finding. Default true (benchmarks that count traces turn it off). */
  readonly stopOnFinding?: boolean;
  /** Hash and record the state after every step (off for a plain run nobody counts). Default true. */
  readonly countStates?: boolean;
  /** No scheduler loop: every port call runs on the next microtask (ports used outside a scenario). */
  readonly standalone?: boolean;
}

export interface RunResult {
  readonly findings: Finding[];
  readonly trace: TraceStep[];
  readonly decisions: number[];
  readonly steps: number;
  readonly states: number[];
  readonly virtualMs: number;
  /** Locations raced on (conflicting accesses not ordered by happens-before). */
  readonly races: readonly string[];
  readonly abandoned: boolean;
  readonly tasks: readonly Task[];
}

export type Phase = 'setup' | 'actors' | 'recovering' | 'done';
