import type { ResolvedConfig } from '../../config/index.js';
import type { ChatMessage, ModelRuntime } from '../../model/ModelRuntime.js';
import { unifiedDiff } from '../change/diff.js';
import type { TriStorePort } from '../context/TriStorePort.js';
import { applyEdits } from '../edits/applyEdits.js';
import { editAnswerJsonSchema, parseEditAnswer } from '../edits/editSchema.js';
import { Overlay } from '../overlay/Overlay.js';
import type { WorkspaceCopy } from '../overlay/WorkspaceCopy.js';
import { runPipeline } from '../pipeline/runPipeline.js';
import type { StageContext } from '../pipeline/StageContext.js';
import type { ProjectService } from '../project/ProjectService.js';
import type { AgentEvent, AttemptReport, FileChange, Issue, StageName } from '../types.js';

export interface AttemptInput {
  attempt: number;
  seed: number;
  temperature: number;
  messages: ChatMessage[];
  root: string;
  config: ResolvedConfig;
  runtime: ModelRuntime;
  project: ProjectService;
  /** The task's temp copy of the workspace, made on first use. */
  workspace: () => Promise<WorkspaceCopy>;
  tristore?: TriStorePort;
  stages: readonly StageName[];
  full: boolean;
  allowTestEdits: boolean;
  signal?: AbortSignal;
  emit: (event: AgentEvent) => void;
}

export interface AttemptOutput {
  report: AttemptReport;
  /** The model's raw answer, for the next attempt's conversation. */
  answer: string;
  changes: FileChange[];
  /** Issues to feed back, with the stage they came from. */
  feedback?: { stage: StageName | 'edit'; issues: Issue[] };
  testFiles: string[];
  overlay: Overlay;
}

const rejected = (base: Omit<AttemptReport, 'outcome' | 'editIssues' | 'stages' | 'hallucinations'>, issues: Issue[]): AttemptReport => ({ ...base, outcome: 'edit-rejected', stages: [], editIssues: issues, hallucinations: 0 });

/** One attempt: generate a grammar-constrained edit, land it in a fresh overlay, verify it. */
export async function runAttempt(input: AttemptInput): Promise<AttemptOutput> {
  const { attempt, seed, temperature } = input;
  input.emit({ type: 'attempt-start', attempt, seed, temperature });
  const result = await input.runtime.generate({
    messages: input.messages,
    grammar: { kind: 'json-schema', schema: editAnswerJsonSchema },
    seed,
    temperature,
    signal: input.signal,
    onToken: (text) => input.emit({ type: 'token', attempt, text }),
  });
  input.emit({ type: 'generated', attempt, stopReason: result.stopReason, tokens: result.tokens.completion });
  const overlay = new Overlay(input.root);
  const base = { attempt, seed, temperature, tokens: result.tokens, stopReason: result.stopReason, timings: { firstTokenMs: result.timings.firstTokenMs, generateMs: result.timings.totalMs, verifyMs: 0 } };
  const done = (report: AttemptReport, rest: Partial<AttemptOutput> = {}): AttemptOutput => {
    input.emit({ type: 'attempt-end', attempt, outcome: report.outcome });
    return { report, answer: result.text, changes: [], testFiles: [], overlay, ...rest };
  };
  if (result.stopReason === 'aborted' || input.signal?.aborted) return done({ ...rejected(base, []), outcome: 'aborted' });
  const parsed = parseEditAnswer(result.text, result.stopReason);
  if (!parsed.ok) return done(rejected(base, parsed.issues), { feedback: { stage: 'edit', issues: parsed.issues } });
  const applied = applyEdits(overlay, parsed.answer.edits, input.allowTestEdits);
  const changes = overlay.changes();
  const editIssues = changes.length === 0 && applied.issues.length === 0 ? [{ file: '(answer)', line: 0, message: 'the edits change nothing' }] : applied.issues;
  if (editIssues.length > 0) return done({ ...rejected(base, editIssues), diff: unifiedDiff(changes) }, { feedback: { stage: 'edit', issues: editIssues }, changes });
  return verify(input, base, overlay, changes, parsed.answer.summary, applied.testFiles, done);
}

async function verify(input: AttemptInput, base: Omit<AttemptReport, 'outcome' | 'editIssues' | 'stages' | 'hallucinations'>, overlay: Overlay, changes: FileChange[], summary: string, testFiles: string[], done: (report: AttemptReport, rest?: Partial<AttemptOutput>) => AttemptOutput): Promise<AttemptOutput> {
  let synced: Promise<string> | undefined;
  const context: StageContext = {
    root: input.root, config: input.config, overlay, changes, project: input.project, signal: input.signal,
    ...(input.tristore ? { tristore: input.tristore } : {}),
    materialize: () => (synced ??= input.workspace().then((copy) => copy.sync(changes))),
  };
  const started = performance.now();
  try {
    const stages = await runPipeline(context, { stages: input.stages, full: input.full, onStage: (outcome) => input.emit({ type: 'stage', attempt: input.attempt, outcome }) });
    const failed = stages.find((stage) => stage.status === 'failed');
    const outcome = input.signal?.aborted ? 'aborted' : failed ? 'failed' : 'verified';
    const report: AttemptReport = { ...base, timings: { ...base.timings, verifyMs: Math.round(performance.now() - started) }, outcome, stages, editIssues: [], hallucinations: context.typeCheck?.hallucinations.length ?? 0, diff: unifiedDiff(changes), summary };
    const feedback = failed ? { stage: failed.stage, issues: stages.flatMap((stage) => (stage.status === 'failed' ? stage.issues : [])) } : undefined;
    return done(report, { changes, testFiles, ...(feedback ? { feedback } : {}) });
  } finally {
    input.project.setOverlay(new Map());
  }
}
