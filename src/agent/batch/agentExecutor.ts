import type { AgentDeps, AgentReport, AgentTask, AttemptReport, StageName } from '../types.js';
import { runAgentTask } from '../loop/runAgentTask.js';
import type { JobSpec } from './jobSpec.js';
import type { BatchTarget, ItemContext, ItemExecutor, ItemOutcome, StageSummary } from './types.js';
import { VerifySlots } from './VerifySlots.js';

/** The prompt one agent gets: the job's instruction, narrowed to its target. */
export function itemPrompt(instruction: string, target: BatchTarget): string {
  const where = target.kind === 'symbol' ? `the symbol \`${target.symbol}\` in ${target.file}` : `the file ${target.file}`;
  return `${instruction}\n\nApply this to ${where} only; change nothing else.`;
}

function stagesOf(attempt: AttemptReport | undefined): StageSummary[] {
  if (!attempt) return [];
  return attempt.stages.flatMap((stage): StageSummary[] => {
    switch (stage.status) {
      case 'passed':
        return [{ name: stage.stage, ok: true, issues: 0 }];
      case 'failed':
        return [{ name: stage.stage, ok: false, issues: stage.issues.length }];
      case 'skipped':
      case 'not-run':
        return [];
      default:
        return stage satisfies never;
    }
  });
}

/** An agent report as a batch item outcome (the change kept only when verified). */
export function toOutcome(report: AgentReport): ItemOutcome {
  const shown = report.attempts.find((attempt) => attempt.attempt === report.bestAttempt) ?? report.attempts.at(-1);
  const base = { attempts: report.attempts.length, stages: stagesOf(shown), tokens: report.tokens, timeMs: report.timeMs };
  if (report.status === 'verified') {
    const files = (report.change?.files ?? []).map((file) => ({ path: file.path, before: file.before, after: file.after }));
    return { ...base, status: 'verified', change: { files, diff: report.change?.diff ?? '' } };
  }
  return { ...base, status: 'failed', error: { code: 'KREPIS_BATCH_NOT_VERIFIED', message: report.reason, hint: 'See the stages; raise `attempts`, or narrow the instruction.' } };
}

type ExecutorSpec = Pick<JobSpec, 'instruction' | 'attempts' | 'stages' | 'allowTestEdits'>;

/** The agent task of one item: its prompt, focused on its target, no plan step. */
export function itemTask(spec: ExecutorSpec, target: BatchTarget, context: ItemContext): AgentTask {
  return {
    prompt: itemPrompt(spec.instruction, target),
    root: context.root,
    focus: { files: [target.file], ...(target.kind === 'symbol' ? { symbols: [target.symbol] } : {}) },
    ...(spec.attempts ? { attempts: spec.attempts } : {}),
    ...(spec.stages ? { stages: spec.stages as StageName[] } : {}),
    allowTestEdits: spec.allowTestEdits,
    plan: false,
    signal: context.signal,
  };
}

/**
 * The production executor: one `runAgentTask` per item (context, generation on one of the shared
 * runtime's sequences, overlay, verification pipeline, regeneration). Nothing is written here:
 * the job's apply step writes verified changes. At most `slots.size` agents verify at once.
 */
export function createAgentExecutor(deps: AgentDeps, spec: ExecutorSpec, slots = new VerifySlots()): ItemExecutor {
  return async (item, context) => {
    const agent = slots.forAgent(deps.runtime);
    try {
      return toOutcome(await runAgentTask(itemTask(spec, item.target, context), { ...deps, runtime: agent.runtime }));
    } finally {
      agent.done();
    }
  };
}
