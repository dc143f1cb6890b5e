import { undoLastChange } from '../../agent/index.js';
import type { CommandModule } from '../command.js';

/** `krepis undo`: reverts the last change `krepis ai --apply` wrote. */
export const undoCommand: CommandModule = {
  register(program, run) {
    program
      .command('undo')
      .description('revert the last change written by krepis ai --apply (a revert commit if it was committed)')
      .option('--force', 'revert even if the files were edited since')
      .action(
        run(async (ctx, options: { force?: boolean }) => {
          const config = await ctx.config();
          const result = await undoLastChange(config.root, { force: options.force === true, stateDir: config.index.dir });
          ctx.out.result(result, () => `reverted "${result.summary}": ${result.files.join(', ')}${result.commit ? ` (revert commit ${result.commit.slice(0, 8)})` : ''}`);
        }),
      );
  },
};
