import type { AssembledContext } from '../../tristore/index.js';
import type { CommandModule } from '../command.js';
import { parseIntFlag } from '../command.js';
import { withTriStore } from './indexCommand.js';

const DEFAULT_BUDGET = 4000;

function render(context: AssembledContext): string[] {
  return [
    ...context.items.flatMap((item) => [`── ${item.mode} ${item.symbol} (${item.tokens} tokens)`, item.text, '']),
    `total ${context.totalTokens}/${context.budget} tokens (estimated: chars / 3), ${context.items.length} items`,
    ...context.omitted.map((entry) => `omitted ${entry.symbol}: ${entry.reason}`),
  ];
}

/** `krepis context "<task>" [--budget N]`: exactly what the model would see for a task. */
export const contextCommand: CommandModule = {
  register(program, run) {
    program
      .command('context')
      .argument('<task>', 'the task, in words (identifiers it names become seeds)')
      .option('--budget <n>', `token budget (default ${DEFAULT_BUDGET})`, parseIntFlag(1), DEFAULT_BUDGET)
      .option('--implement <names...>', 'symbols the change must edit (full source)')
      .option('--file <paths...>', 'files the task is about')
      .description('assemble the lazy, budgeted context the model would see for a task')
      .action(
        run(async (ctx, task: string, flags: { budget: number; implement?: string[]; file?: string[] }) => {
          const context = await withTriStore(ctx, undefined, async (store) => {
            await store.update({ signal: ctx.signal });
            return store.assembleContext(task, { budget: flags.budget, ...(flags.implement ? { implement: flags.implement } : {}), ...(flags.file ? { focusFiles: flags.file } : {}) });
          });
          ctx.out.result({ task, ...context }, () => render(context));
        }),
      );
  },
};
