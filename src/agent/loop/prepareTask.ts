import { gatherContext, type GatheredContext } from '../context/gatherContext.js';
import { AgentError, AgentErrorCode } from '../errors.js';
import { Overlay } from '../overlay/Overlay.js';
import { buildPlanMessage, buildSystemPrompt, buildTaskMessage } from '../prompt/assemblePrompt.js';
import type { AgentDeps, AgentEvent, AgentTask, PlanStep } from '../types.js';
import { requestPlan, wantsPlan } from './plan.js';

/** Tokens kept free for the answer and the feedback turns of later attempts. */
const FEEDBACK_RESERVE = 1024;

export interface PreparedTask {
  /** The stable system prefix (the same for every attempt). */
  system: string;
  plan: PlanStep[];
  context: GatheredContext;
  /** The first user message: task, focus, plan and context. */
  taskMessage: string;
}

async function contextBudget(deps: AgentDeps, system: string, prompt: string): Promise<number> {
  const fixed = (await deps.runtime.countTokens(system)) + (await deps.runtime.countTokens(prompt)) + 200;
  const budget = deps.config.agent.contextBudget ?? deps.runtime.info.contextSize - deps.config.model.maxTokens - FEEDBACK_RESERVE - fixed;
  if (budget <= 0) throw new AgentError(AgentErrorCode.contextTooLarge, `The instructions alone take ${fixed} tokens of a ${deps.runtime.info.contextSize}-token context.`, { kind: 'usage', hint: 'Raise model.contextSize, or lower model.maxTokens.' });
  return budget;
}

/** Everything the attempts share: the system prompt, the plan (for larger tasks), the context and the task message. */
export async function prepareTask(task: AgentTask, deps: AgentDeps, focus: { files: string[]; symbols: string[] }, tokens: { prompt: number; completion: number }, emit: (event: AgentEvent) => void): Promise<PreparedTask> {
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
  return { system, plan, context, taskMessage };
}
