import type { CommandModule } from '../command.js';

/** `krepis config`: the resolved configuration and where each layer came from. */
export const configCommand: CommandModule = {
  register(program, run) {
    program
      .command('config')
      .description('print the resolved configuration (defaults + file + KREPIS_* env + flags)')
      .action(
        run(async (ctx) => {
          const config = await ctx.config();
          ctx.out.result(config, () => [`# sources: ${config.sources.join(' → ')}`, JSON.stringify(config, null, 2)]);
        }),
      );
  },
};
