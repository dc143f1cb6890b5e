import { createInterface } from 'node:readline';
import type { AppliedChange } from '../change/applyChange.js';
import { type ReportColors, renderReport } from '../render/renderReport.js';
import type { AgentEvent, AgentReport, ProposedChange } from '../types.js';
import { progressLine } from './progressLine.js';

export interface ConversationOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Whether `input` is a terminal (Ctrl-C then arrives as a keypress, not a signal). */
  terminal: boolean;
  colors: ReportColors;
  /** Runs one task; the conversation's earlier turns are already folded into `prompt`. */
  runTask(prompt: string, signal: AbortSignal, onEvent: (event: AgentEvent) => void): Promise<AgentReport>;
  apply(change: ProposedChange): Promise<AppliedChange>;
  /** Ends the whole conversation (the process's Ctrl-C when input is not a terminal). */
  signal?: AbortSignal;
}

export interface ConversationSummary {
  turns: { prompt: string; status: AgentReport['status'] }[];
  applied: string[][];
}

const HELP = 'Type a change to make. /apply writes the last verified change, /diff shows it again, /exit leaves. Ctrl-C stops a running generation.';

/** Earlier turns, so a follow-up ("now also log it") has its referent. */
function withHistory(prompt: string, turns: readonly { prompt: string; report?: AgentReport }[]): string {
  const earlier = turns.slice(-3).map((turn) => `- ${turn.prompt} → ${turn.report?.status ?? 'stopped'}${turn.report?.change ? `: ${turn.report.change.summary}` : ''}`);
  return earlier.length === 0 ? prompt : `${prompt}\n\nEarlier in this conversation:\n${earlier.join('\n')}`;
}

/**
 * `krepis ai` with no prompt: a multi-turn terminal conversation with live verification progress.
 * Ctrl-C stops the running generation cleanly (nothing is written, the conversation goes on).
 */
export async function runConversation(options: ConversationOptions): Promise<ConversationSummary> {
  const c = options.colors;
  const say = (text: string) => options.output.write(`${text}\n`);
  const rl = createInterface({ input: options.input, output: options.output, terminal: options.terminal, prompt: c.bold('krepis> ') });
  const turns: { prompt: string; report?: AgentReport }[] = [];
  const applied: string[][] = [];
  let running: AbortController | undefined;
  let lastVerified: ProposedChange | undefined;
  rl.on('SIGINT', () => (running ? running.abort(new Error('stopped with Ctrl-C')) : rl.close()));
  const onOuterAbort = () => (running?.abort(new Error('interrupted')), rl.close());
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  say(c.dim(HELP));
  rl.prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === '/exit' || line === '/quit') break;
    if (line === '/help' || line === '') say(c.dim(HELP));
    else if (line === '/diff') say(lastVerified ? lastVerified.diff : 'No verified change yet.');
    else if (line === '/apply') {
      if (!lastVerified) say('No verified change to apply.');
      else {
        const result = await options.apply(lastVerified);
        applied.push(result.files);
        say(c.green(`applied: ${result.files.join(', ')}${result.commit ? ` (commit ${result.commit.slice(0, 8)})` : ''}`));
        lastVerified = undefined;
      }
    } else {
      running = new AbortController();
      const turn: { prompt: string; report?: AgentReport } = { prompt: line };
      try {
        turn.report = await options.runTask(withHistory(line, turns), running.signal, (event) => {
          const text = progressLine(event, c);
          if (text) say(text);
        });
        say(renderReport(turn.report, c).join('\n'));
        if (turn.report.status === 'verified' && turn.report.change) {
          lastVerified = turn.report.change;
          say(c.dim('/apply to write it.'));
        }
      } catch (error) {
        const hint = (error as { hint?: string }).hint;
        say(c.red(`error: ${(error as Error).message}`) + (hint ? `\n  ${hint}` : ''));
      } finally {
        running = undefined;
      }
      turns.push(turn);
    }
    if (options.signal?.aborted) break;
    rl.prompt();
  }
  options.signal?.removeEventListener('abort', onOuterAbort);
  rl.close();
  options.output.write('\n');
  return { turns: turns.map((turn) => ({ prompt: turn.prompt, status: turn.report?.status ?? 'aborted' })), applied };
}
