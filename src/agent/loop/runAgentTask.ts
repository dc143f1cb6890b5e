import { existsSync, statSync } from 'node:fs';
import { isKrepisError } from '../../errors/index.js';
import type { ChatMessage } from '../../model/ModelRuntime.js';
import { promptAsksForTestChanges } from '../edits/protectedPaths.js';
import { AgentError, AgentErrorCode } from '../errors.js';
import { WorkspaceCopy } from '../overlay/WorkspaceCopy.js';
import { ProjectService } from '../project/ProjectService.js';
import { buildFeedback } from '../prompt/assemblePrompt.js';
import { STAGE_ORDER, type AgentDeps, type AgentReport, type AgentTask } from '../types.js';
import { buildReport } from './buildReport.js';
import { prepareTask } from './prepareTask.js';
import { runAttempt, type AttemptOutput } from './runAttempt.js';

function validate(task: AgentTask): void {
  if (task.prompt.trim() === '') throw new AgentError(AgentErrorCode.emptyPrompt, 'The task is empty.', { kind: 'usage', hint: 'Say what to change, e.g. krepis ai "add a GET /health endpoint".' });
  if (!existsSync(task.root) || !statSync(task.root).isDirectory()) throw new AgentError(AgentErrorCode.notAProject, `${task.root} is not a folder.`, { kind: 'usage', hint: 'Run krepis ai inside the project, or pass --cwd <dir>.' });
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
  const { system, plan, context, taskMessage } = await prepareTask(task, deps, focus, tokens, emit);
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
