import type { Issue } from '../types.js';

/** A twin run over the overlay copy, as `verifyProject` (src/twin) reports it. */
export interface TwinOutcome {
  ok: boolean;
  violations: { kind: string; message: string; scenario?: string; file?: string; line?: number; trace?: unknown; replayToken?: string }[];
  distinctStates?: number;
  transitions?: number;
  schedules?: number;
  /** Scenarios that ran (when the twin reports them). */
  scenarios?: number;
}

export interface TwinOptions {
  files: string[];
  strategy: string;
  budget: number;
  seed: number;
  signal?: AbortSignal;
}

/** The engines outside the agent that verification calls. A missing one makes its stage skip and say so. */
export interface Verifiers {
  twin?: (root: string, options: TwinOptions) => Promise<TwinOutcome>;
  conformance?: (root: string, files: string[], signal?: AbortSignal) => Promise<{ ok: true; detail?: string } | { ok: false; issues: Issue[] }>;
  /** Why a verifier is missing, per stage. */
  missing: Partial<Record<'twin' | 'conformance', string>>;
}
