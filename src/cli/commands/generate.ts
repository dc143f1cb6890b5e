import { generate, listTemplates } from '../../scaffold/index.js';
import { KrepisError } from '../../errors/index.js';
import type { CommandModule } from '../command.js';

/** `krepis generate <template> <Name>`: adds a feature from a kernel template to the app in --cwd. */
export const generateCommand: CommandModule = {
  register(program, run) {
    program
      .command('generate')
      .alias('g')
      .description('add code from a template (service, controller, model, crud, auth, websocket, …) to the app')
      .argument('[template]', 'template name (see --list)')
      .argument('[name]', 'name of the new thing, e.g. Order')
      .option('--list', 'list the templates')
      .option('--force', 'overwrite files that already exist')
      .action(
        run(async (ctx, template: string | undefined, name: string | undefined, options: { list?: boolean; force?: boolean }) => {
          if (options.list || !template) {
            const templates = await listTemplates();
            ctx.out.result({ templates }, () => templates.map((info) => `${info.name.padEnd(14)} ${info.description}`));
            return;
          }
          if (!name) throw new KrepisError('KREPIS_SCAFFOLD_NO_NAME', `generate ${template} needs a name`, { kind: 'usage', hint: `e.g. krepis generate ${template} Order` });
          const result = await generate(ctx.globals.cwd, template, name, { force: options.force });
          ctx.out.result(result, () => [...result.files.map((file) => `created ${file}`), ...result.registered.map((entry) => `registered ${entry} in src/app.ts`)]);
        }),
      );
  },
};
