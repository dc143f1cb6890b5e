import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { InvalidArgumentError } from 'commander';
import { AgentError, AgentErrorCode, applyChange, runAgentTask, STAGE_ORDER, type AgentEvent, type AgentReport, type AgentTask, type StageName } from '../../agent/index.js';
import { runConversation } from '../../agent/interactive/runConversation.js';
import { progressLine } from '../../agent/interactive/progressLine.js';
import { renderReport } from '../../agent/render/renderReport.js';
import { openAgentSession, type SessionOptions } from '../../agent/session/openAgentSession.js';
import { parseIntFlag, type CommandModule } from '../command.js';
import type { CommandContext } from '../context.js';

interface AiOptions {
  file?: string[];
  symbol?: string[];
  attempts?: number;
  stages?: StageName[];
  full?: boolean;
  plan?: boolean;
  allowTestEdits?: boolean;
  apply?: boolean;
  commit?: boolean;
  record?: string;
  replay?: string;
  yes?: boolean;
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

function parseStages(value: string): StageName[] {
  const stages = value.split(',').map((stage) => stage.trim()).filter(Boolean);
  const unknown = stages.filter((stage) => !(STAGE_ORDER as readonly string[]).includes(stage));
  if (unknown.length > 0) throw new InvalidArgumentError(`unknown stage(s) ${unknown.join(', ')}; stages: ${STAGE_ORDER.join(', ')}.`);
  return stages as StageName[];
}

/** The task settings the flags give, shared by one-shot and interactive runs. */
const taskOptions = (options: AiOptions): Omit<AgentTask, 'prompt' | 'root'> => ({
  focus: { files: options.file ?? [], symbols: options.symbol ?? [] },
  ...(options.attempts ? { attempts: options.attempts } : {}),
  ...(options.stages ? { stages: options.stages } : {}),
  ...(options.full ? { full: true } : {}),
  ...(options.plan ? { plan: true } : {}),
  ...(options.allowTestEdits ? { allowTestEdits: true } : {}),
});

/** Exit code of a finished run: 0 verified, 1 not verified, 130 stopped with Ctrl-C. */
const exitCodeOf = (report: AgentReport): number => (report.status === 'verified' ? 0 : report.status === 'aborted' ? 130 : 1);

/** Asks a yes/no question on the terminal; without one, nobody can answer, so it is a no. */
async function confirmOnTerminal(ctx: CommandContext, question: string): Promise<boolean> {
  if (process.stdin.isTTY !== true || ctx.globals.json) {
    ctx.out.note(`${question} (no terminal to answer: taken as no; pass --yes to accept)`);
    return false;
  }
  const rl = createInterface({ input: process.stdin, output: ctx.out.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
}

function sessionOptions(ctx: CommandContext, options: AiOptions): SessionOptions {
  let shown = -1;
  return {
    ...(options.record ? { record: path.resolve(ctx.globals.cwd, options.record) } : {}),
    ...(options.replay ? { replay: path.resolve(ctx.globals.cwd, options.replay) } : {}),
    yes: options.yes === true,
    confirm: (question) => confirmOnTerminal(ctx, question),
    onDownload: ({ downloadedBytes, totalBytes }) => {
      const percent = totalBytes > 0 ? Math.floor((downloadedBytes / totalBytes) * 100) : 0;
      if (ctx.out.interactive && percent !== shown && percent % 5 === 0) ctx.out.note(`downloading the model: ${(shown = percent)}%`);
    },
    onIndex: ({ phase, done, total }) => {
      if (ctx.out.interactive && phase === 'parse' && total > 200 && done % 200 === 0) ctx.out.note(`indexing the project: ${done}/${total} files`);
    },
    signal: ctx.signal,
    onNote: (text) => ctx.out.note(text),
  };
}

async function runOnce(ctx: CommandContext, prompt: string, options: AiOptions): Promise<number> {
  const c = ctx.out.colors;
  await using session = await openAgentSession(await ctx.config(), sessionOptions(ctx, options));
  const config = session.config;
  const onEvent = (event: AgentEvent) => {
    const text = ctx.out.interactive ? progressLine(event, c) : undefined;
    if (text) ctx.out.note(text);
  };
  const report = await runAgentTask(
    { ...taskOptions(options), prompt, root: config.root, signal: ctx.signal, onEvent },
    { runtime: session.runtime, config, ...(session.tristore ? { tristore: session.tristore } : {}) },
  );
  const wantsApply = options.apply === true || options.commit === true;
  const applied = wantsApply && report.status === 'verified' && report.change ? await applyChange(report.change, config.root, { commit: options.commit === true, stateDir: config.index.dir }) : undefined;
  ctx.out.result({ ...report, applied: applied ?? null }, () => [
    ...renderReport(report, c),
    applied ? c.green(`applied to ${applied.files.join(', ')}${applied.commit ? ` and committed as ${applied.commit.slice(0, 8)}` : ''} (krepis undo reverts it)`) : report.status === 'verified' ? c.dim('Run again with --apply to write it (or --commit to also commit it).') : c.yellow('Nothing was written: an unverified change is never applied.'),
  ]);
  return exitCodeOf(report);
}

async function runInteractive(ctx: CommandContext, options: AiOptions): Promise<number> {
  if (ctx.globals.json) throw new AgentError(AgentErrorCode.badFlag, 'Interactive mode has no --json output.', { kind: 'usage', hint: 'Pass the task as an argument: krepis ai --json "…".' });
  await using session = await openAgentSession(await ctx.config(), sessionOptions(ctx, options));
  const config = session.config;
  const summary = await runConversation({
    input: process.stdin,
    output: ctx.out.stdout,
    terminal: process.stdin.isTTY === true,
    colors: ctx.out.colors,
    signal: ctx.signal,
    runTask: (prompt, signal, onEvent) => runAgentTask({ ...taskOptions(options), prompt, root: config.root, signal, onEvent }, { runtime: session.runtime, config, ...(session.tristore ? { tristore: session.tristore } : {}) }),
    apply: (change) => applyChange(change, config.root, { commit: options.commit === true, stateDir: config.index.dir }),
  });
  ctx.out.note(ctx.out.colors.dim(`${summary.turns.length} turn(s), ${summary.applied.length} change(s) applied.`));
  return 0;
}

/** `krepis ai "<task>"`: a verified change from the local model; `krepis ai` alone: a conversation. */
export const aiCommand: CommandModule = {
  register(program, run) {
    program
      .command('ai')
      .description('write a change with the local model, verify it (syntax, types, tests, twin, kernel), show the diff; no task: a conversation')
      .argument('[task...]', 'what to change, in plain words')
      .option('-f, --file <path>', 'focus on this file (repeatable; given to the model in full)', collect)
      .option('-s, --symbol <name>', 'focus on this symbol (repeatable)', collect)
      .option('--attempts <n>', 'attempts before giving up (default: agent.attempts, 4)', parseIntFlag(1))
      .option('--stages <list>', `verification stages to run, comma-separated (default: all: ${STAGE_ORDER.join(',')})`, parseStages)
      .option('--full', 'run every stage even after one fails')
      .option('--plan', 'ask the model for a plan (symbols to create or change) first')
      .option('--allow-test-edits', 'let the model edit test files and test config (reported)')
      .option('--apply', 'write the change if it verifies (atomic; krepis undo reverts it)')
      .option('--commit', 'apply and git-commit the change with a generated message')
      .option('--record <file>', 'append every model answer to this JSONL transcript')
      .option('--replay <file>', 'play a recorded transcript instead of running the model')
      .option('-y, --yes', 'answer yes to the model download prompt')
      .action(
        run(async (ctx, words: string[], options: AiOptions) => {
          const prompt = words.join(' ').trim();
          return prompt === '' ? runInteractive(ctx, options) : runOnce(ctx, prompt, options);
        }),
      );
  },
};
