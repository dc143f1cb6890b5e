import type { JobSpec } from '../../agent/batch/index.js';
import { parseIntFlag, type CommandModule } from '../command.js';
import { loadBatch, parseApplyMode, runAndRender, withRunFlags, type RunFlags } from './batch.js';

interface RewriteFlags extends RunFlags {
  files: string[];
  apply: JobSpec['apply'];
  attempts?: number;
  symbols?: boolean;
  missingJsdoc?: boolean;
  itemTimeout?: number;
}

function toTargets(flags: RewriteFlags): unknown {
  if (!flags.symbols && !flags.missingJsdoc) return { files: flags.files };
  return { symbols: { files: flags.files, ...(flags.missingJsdoc ? { missingJsDoc: true } : {}) } };
}

/** `krepis rewrite "<instruction>" --files "<glob>"`: a batch job from the command line. */
export const rewriteCommand: CommandModule = {
  register(program, run) {
    withRunFlags(
      program
        .command('rewrite <instruction>')
        .description('rewrite every matching file (or exported function) with one verified agent each, as a resumable batch job')
        .requiredOption('--files <glob...>', 'files to work on (quote the glob)')
        .option('--symbols', 'one task per exported function in the files, not per file', false)
        .option('--missing-jsdoc', 'only exported functions without JSDoc (implies --symbols)', false)
        .option('--apply <mode>', 'report | apply | commit-per-item | branch', parseApplyMode, 'report')
        .option('--attempts <n>', 'attempts per item (default: agent.attempts)', parseIntFlag(1))
        .option('--item-timeout <ms>', 'time limit per item in ms (default 600000)', parseIntFlag(1)),
    ).action(
      run(async (ctx, instruction: string, flags: RewriteFlags) => {
        const { createJob, parseJobSpec, storeDirOf } = await loadBatch();
        const config = await ctx.config();
        const spec = parseJobSpec(
          { instruction, targets: toTargets(flags), apply: flags.apply, ...(flags.attempts ? { attempts: flags.attempts } : {}), ...(flags.concurrency ? { concurrency: flags.concurrency } : {}), ...(flags.itemTimeout ? { itemTimeoutMs: flags.itemTimeout } : {}) },
          'rewrite flags',
        );
        const store = await createJob({ root: config.root, storeDir: storeDirOf(config), spec });
        return runAndRender(ctx, store, flags);
      }),
    );
  },
};
