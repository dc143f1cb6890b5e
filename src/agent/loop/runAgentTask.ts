import { existsSync, statSync } from 'node:fs';
import type { ChatMessage } from '../../model/ModelRuntime.js';
import { gatherContext, type GatheredContext } from '../context/gatherContext.js';
import { promptAsksForTestChanges } from '../edits/protectedPaths.js';
import { isKrepisError } from '../../errors/index.js';
import { AgentError, AgentErrorCode } from '../errors.js';
import { Overlay } from '../overlay/Overlay.js';
import { WorkspaceCopy } from '../overlay/WorkspaceCopy.js';
import { ProjectService } from '../project/ProjectService.js';
import { buildFeedback, buildPlanMessage, buildSystemPrompt, buildTaskMessage } from '../prompt/assemblePrompt.js';
import { STAGE_ORDER, type AgentDeps, type AgentReport, type AgentTask, type PlanStep } from '../types.js';
import { attemptScore } from './bestAttempt.js';
import { requestPlan, wantsPlan } from './plan.js';
import { runAttempt, type AttemptOutput } from './runAttempt.js';

/** Tokens kept free for the answer and the feedback turns of later attempts. */
const FEEDBACK_RESERVE = 1024;

function validate(task: AgentTask): void {
  if (task.prompt.trim() === '') throw new AgentError(AgentErrorCode.emptyPrompt, 'The task is empty.', { kind: 'usage', hint: 'Say what to change, e.g. krepis ai "add a GET /health endpoint".' });
  if (!existsSync(task.root) || !statSync(task.root).isDirectory()) throw new AgentError(AgentErrorCode.notAProject, `${task.root} is not a folder.`, { kind: 'usage', hint: 'Run krepis ai inside the project, or pass --cwd <dir>.' });
}

async function contextBudget(deps: AgentDeps, system: string, prompt: string): Promise<number> {
  const fixed = (await deps.runtime.countTokens(system)) + (await deps.runtime.countTokens(prompt)) + 200;
  const budget = deps.config.agent.contextBudget ?? deps.runtime.info.contextSize - deps.config.model.maxTokens - FEEDBACK_RESERVE - fixed;
  if (budget <= 0) throw new AgentError(AgentErrorCode.contextTooLarge, `The instructions alone take ${fixed} tokens of a ${deps.runtime.info.contextSize}-token context.`, { kind: 'usage', hint: 'Raise model.contextSize, or lower model.maxTokens.' });
  return budget;
}

const variation = (deps: AgentDeps, attempt: number) => ({
  seed: deps.config.model.seed + attempt - 1,
  temperature: Math.min(1, Math.round((deps.config.model.temperature + 0.15 * (attempt - 1)) * 100) / 100),
});

/**
 * The verified generation loop: context → grammar-constrained edit → overlay → verification
 * pipeline → feedback and another attempt, within the budget. Never writes the user's tree:
 * the report carries the verified change (or the best failed one) for `applyChange`.
 */
export async function runAgentTask(task: AgentTask, deps: AgentDeps): Promise<AgentReport> {
  validate(task);
  const started = performance.now();
  const emit = task.onEvent ?? (() => {});
  const focus = { files: task.focus?.files ?? [], symbols: task.focus?.symbols ?? [] };
  const allowTestEdits = task.allowTestEdits ?? promptAsksForTestChanges(task.prompt);
  const tokens = { prompt: 0, completion: 0 };
  const system = buildSystemPrompt(task.root);
  const budget = await contextBudget(deps, system, task.prompt);
  const overlay = new Overlay(task.root);
  const gather = (plan: PlanStep[]): Promise<GatheredContext> => gatherContext({ prompt: task.prompt, focusFiles: focus.files, focusSymbols: focus.symbols, plan, budget, overlay, runtime: deps.runtime, ...(deps.tristore ? { tristore: deps.tristore } : {}) });
  let plan: PlanStep[] = [];
  if (task.plan ?? wantsPlan(task.prompt, focus)) {
    const planned = await requestPlan(deps.runtime, system, buildPlanMessage(task.prompt, await gather([])), task.signal);
    tokens.prompt += planned.tokens.prompt;
    tokens.completion += planned.tokens.completion;
    plan = planned.steps;
    emit({ type: 'plan', steps: plan });
  }
  const context = await gather(plan);
  emit({ type: 'context', items: context.items.length, tokens: context.tokens, omitted: context.omitted.length, source: context.source });
  const taskMessage = buildTaskMessage(task.prompt, focus, plan, context);
  const project = new ProjectService(task.root);
  const attempts: AttemptOutput[] = [];
  const maxAttempts = task.attempts ?? deps.config.agent.attempts;
  let copy: Promise<WorkspaceCopy> | undefined;
  let modelFailure: string | undefined;
  const workspace = () => (copy ??= WorkspaceCopy.create(task.root));
  try {
    for (let attempt = 1; attempt <= maxAttempts && !task.signal?.aborted; attempt += 1) {
      const previous = attempts.at(-1);
      const messages: ChatMessage[] = [{ role: 'system', content: system }, { role: 'user', content: taskMessage }];
      if (previous?.feedback) messages.push({ role: 'assistant', content: previous.answer }, { role: 'user', content: buildFeedback(attempt - 1, previous.feedback.stage, previous.feedback.issues, (file) => previous.overlay.read(file)) });
      let output: AttemptOutput;
      try {
        output = await runAttempt({ attempt, ...variation(deps, attempt), messages, root: task.root, config: deps.config, runtime: deps.runtime, project, workspace, stages: task.stages ?? STAGE_ORDER, full: task.full ?? deps.config.agent.full, allowTestEdits, emit, ...(task.signal ? { signal: task.signal } : {}), ...(deps.tristore ? { tristore: deps.tristore } : {}) });
      } catch (error) {
        // A model failure after the first attempt ends the loop with what was learnt, not a crash.
        if (attempts.length === 0 || !isKrepisError(error)) throw error;
        modelFailure = `the model failed on attempt ${attempt} (${error.code}: ${error.message})`;
        break;
      }
      attempts.push(output);
      tokens.prompt += output.report.tokens.prompt;
      tokens.completion += output.report.tokens.completion;
      if (output.report.outcome === 'verified' || output.report.outcome === 'aborted') break;
    }
  } finally {
    project.dispose();
    await copy?.then((made) => made[Symbol.asyncDispose](), () => undefined);
  }
  return buildReport({ attempts, plan, context, allowTestEdits, tokens, started, aborted: task.signal?.aborted === true, maxAttempts, ...(modelFailure ? { modelFailure } : {}) });
}

function buildReport(input: { attempts: AttemptOutput[]; plan: PlanStep[]; context: GatheredContext; allowTestEdits: boolean; tokens: AgentReport['tokens']; started: number; aborted: boolean; maxAttempts: number; modelFailure?: string }): AgentReport {
  const reports = input.attempts.map((attempt) => attempt.report);
  const verified = input.attempts.find((attempt) => attempt.report.outcome === 'verified');
  const best = verified ?? [...input.attempts].filter((attempt) => attempt.changes.length > 0).sort((a, b) => attemptScore(b.report) - attemptScore(a.report))[0];
  const status = verified ? 'verified' : input.aborted ? 'aborted' : 'failed';
  const last = reports.at(-1);
  const reason = verified ? `verified on attempt ${verified.report.attempt} of ${input.maxAttempts}` : input.aborted ? `stopped by the user after ${reports.length} attempt(s); nothing was written` : `no attempt verified in ${reports.length} of ${input.maxAttempts} attempt(s)${last ? `; the last failed at ${failedWhere(last)}` : ''}${input.modelFailure ? `; then ${input.modelFailure}` : ''}`;
  return {
    status,
    reason,
    attempts: reports,
    ...(best ? { change: { files: best.changes, diff: best.report.diff ?? '', summary: best.report.summary ?? '' }, bestAttempt: best.report.attempt } : {}),
    ...(input.plan.length > 0 ? { plan: input.plan } : {}),
    context: { source: input.context.source, items: input.context.items.length, tokens: input.context.tokens, omitted: input.context.omitted },
    testEdits: { allowed: input.allowTestEdits, files: [...new Set(input.attempts.flatMap((attempt) => attempt.testFiles))] },
    tokens: input.tokens,
    timeMs: Math.round(performance.now() - input.started),
    hallucinations: reports.reduce((sum, report) => sum + report.hallucinations, 0),
  };
}

function failedWhere(report: AgentReport['attempts'][number]): string {
  if (report.outcome === 'edit-rejected') return `the edit (${report.editIssues[0]?.message ?? 'unusable answer'})`;
  const failed = report.stages.find((stage) => stage.status === 'failed');
  return failed ? `the ${failed.stage} stage` : report.outcome;
}
