import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Option } from 'commander';
import { KrepisError } from '../../errors/index.js';
import { badgeSvg, formatReport, htmlReport, junitReport, markdownReport, replayToken, verifyProject, type ExplorationStrategy, type VerifyReport } from '../../twin/index.js';
import { type CommandModule, parseIntFlag } from '../command.js';
import type { CommandContext } from '../context.js';

interface VerifyFlags {
  strategy?: ExplorationStrategy;
  budget?: number;
  seed?: number;
  preemptionBound?: number;
  workers?: number;
  chaos?: boolean;
  replay?: string;
  markdown?: string;
  junit?: string;
  badge?: string;
  html?: string;
}

async function writeReports(ctx: CommandContext, root: string, report: VerifyReport, flags: VerifyFlags): Promise<void> {
  const outputs: [string | undefined, () => string][] = [
    [flags.markdown, () => markdownReport(report)],
    [flags.junit, () => junitReport(report)],
    [flags.badge, () => badgeSvg(report)],
    [flags.html, () => htmlReport(report)],
  ];
  for (const [file, render] of outputs) {
    if (!file) continue;
    const target = path.resolve(root, file);
    try {
      await writeFile(target, render());
    } catch (cause) {
      throw new KrepisError('KREPIS_VERIFY_WRITE_FAILED', `cannot write ${target}`, { kind: 'usage', cause, hint: 'Check that the folder exists and is writable.' });
    }
    ctx.out.note(`wrote ${path.relative(process.cwd(), target) || target}`);
  }
}

async function verify(ctx: CommandContext, dir: string | undefined, flags: VerifyFlags): Promise<number> {
  const config = await ctx.config();
  const root = path.resolve(config.root, dir ?? '.');
  const interactive = ctx.out.interactive;
  const report = flags.replay
    ? await replayToken(root, flags.replay)
    : await verifyProject(root, {
        strategy: flags.strategy ?? config.verify.strategy,
        budget: flags.budget ?? config.verify.budget,
        seed: flags.seed ?? config.verify.seed,
        preemptionBound: flags.preemptionBound ?? config.verify.preemptionBound,
        workers: flags.workers ?? config.verify.workers,
        ...(flags.chaos === undefined ? {} : { chaos: flags.chaos }),
        signal: ctx.signal,
        onProgress: interactive ? (p) => ctx.out.stderr.write(`\r${p.scenario}: ${p.schedules}/${p.budget} schedules · ${p.distinctStates} states · ${p.violations} violations`) : undefined,
      });
  if (interactive) ctx.out.stderr.write('\n');
  await writeReports(ctx, root, report, flags);
  ctx.out.result(report, () => formatReport(report));
  return report.ok ? 0 : 1;
}

/** `krepis verify`: explores every `*.twin.ts` scenario; exit 1 on any violation. */
export const verifyCommand: CommandModule = {
  register(program, run) {
    program
      .command('verify')
      .description('run the twin: explore interleavings, virtual time and faults of every *.twin.ts scenario')
      .argument('[dir]', 'project folder (default: the project root)')
      .addOption(new Option('--strategy <strategy>', 'exploration strategy').choices(['random', 'pct', 'dpor', 'exhaustive']))
      .option('--budget <n>', 'schedules per scenario', parseIntFlag(1))
      .option('--seed <n>', 'seed of every random choice', parseIntFlag(0))
      .option('--preemption-bound <n>', 'preemptions per schedule (dpor, exhaustive)', parseIntFlag(0))
      .option('--workers <n>', 'worker threads', parseIntFlag(1))
      .option('--chaos', 'inject faults (latency, I/O errors, timeouts, skew, crashes)')
      .option('--no-chaos', 'never inject faults')
      .option('--replay <token>', 'replay one schedule from a violation report')
      .option('--markdown <file>', 'write a Markdown report')
      .option('--junit <file>', 'write a JUnit XML report')
      .option('--badge <file>', 'write an SVG badge')
      .option('--html <file>', 'write an HTML report with a timeline of each failing schedule')
      .action(run((ctx, dir: string | undefined, flags: VerifyFlags) => verify(ctx, dir, flags)));
  },
};
