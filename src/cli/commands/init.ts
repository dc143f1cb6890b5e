import path from 'node:path';
import { initApp } from '../../scaffold/index.js';
import type { CommandModule } from '../command.js';

/** `krepis init <dir>`: a new kernel app that tests and starts offline. */
export const initCommand: CommandModule = {
  register(program, run) {
    program
      .command('init')
      .description('create a Krepis kernel app in <dir> (works offline: npm test, npm start)')
      .argument('<dir>', 'directory to create (must be absent or empty)')
      .option('--name <name>', 'package name (default: the directory name)')
      .action(
        run(async (ctx, dir: string, options: { name?: string }) => {
          const result = await initApp(path.resolve(ctx.globals.cwd, dir), options);
          ctx.out.result(result, () => [
            `created ${result.name} in ${result.root} (${result.files.length} files)`,
            `  cd ${path.relative(ctx.globals.cwd, result.root) || '.'} && npm test && npm start`,
            `  add features: krepis generate --list`,
          ]);
        }),
      );
  },
};
