import { STAGE_ORDER, type StageName, type StageOutcome } from '../types.js';
import { conformanceStage } from './conformanceStage.js';
import { conventionsStage } from './conventionsStage.js';
import { hallucinationStage } from './hallucinationStage.js';
import type { Stage, StageContext } from './StageContext.js';
import { syntaxStage } from './syntaxStage.js';
import { testsStage } from './testsStage.js';
import { twinStage } from './twinStage.js';
import { typesStage } from './typesStage.js';

function stageFor(name: StageName): Stage {
  switch (name) {
    case 'syntax':
      return syntaxStage;
    case 'types':
      return typesStage;
    case 'hallucination':
      return hallucinationStage;
    case 'conventions':
      return conventionsStage;
    case 'tests':
      return testsStage;
    case 'twin':
      return twinStage;
    case 'conformance':
      return conformanceStage;
    default:
      return name satisfies never;
  }
}

export interface PipelineOptions {
  stages: readonly StageName[];
  /** Run every stage even after a failure. */
  full: boolean;
  onStage?: (outcome: StageOutcome) => void;
}

async function runStage(name: StageName, context: StageContext): Promise<StageOutcome> {
  const started = performance.now();
  const result = await stageFor(name)(context);
  const ms = Math.round(performance.now() - started);
  if (!result.ok) return { stage: name, status: 'failed', ms, issues: result.issues, ...(result.data ? { data: result.data } : {}) };
  if (result.skipped !== undefined) return { stage: name, status: 'skipped', reason: result.skipped };
  return { stage: name, status: 'passed', ms, ...(result.detail === undefined ? {} : { detail: result.detail }), ...(result.data ? { data: result.data } : {}) };
}

/**
 * Runs the verification stages in order over one change. Stops at the first failure unless
 * `full`; stages after a stop, or not asked for, are reported as `not-run` with why.
 */
export async function runPipeline(context: StageContext, options: PipelineOptions): Promise<StageOutcome[]> {
  const outcomes: StageOutcome[] = [];
  let stopped: StageName | undefined;
  for (const name of STAGE_ORDER) {
    let outcome: StageOutcome;
    if (!options.stages.includes(name)) outcome = { stage: name, status: 'not-run', reason: 'not among the requested stages' };
    else if (context.signal?.aborted) outcome = { stage: name, status: 'not-run', reason: 'aborted' };
    else if (stopped) outcome = { stage: name, status: 'not-run', reason: `stopped after ${stopped} failed` };
    else outcome = await runStage(name, context);
    if (outcome.status === 'failed' && !options.full) stopped ??= name;
    outcomes.push(outcome);
    options.onStage?.(outcome);
  }
  return outcomes;
}
