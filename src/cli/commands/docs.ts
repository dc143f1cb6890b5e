import { generateDocs } from '../../appdocs/index.js';
import type { CommandModule } from '../command.js';

/** `krepis docs`: OpenAPI of the app's routes plus API docs from its TSDoc. */
export const docsCommand: CommandModule = {
  register(program, run) {
    program
      .command('docs')
      .description("write docs/openapi.json (the app's routes) and docs/api/ (TypeDoc from its TSDoc)")
      .option('--no-api', 'only the OpenAPI document')
      .action(
        run(async (ctx, options: { api: boolean }) => {
          if (ctx.out.interactive) ctx.out.note('loading the app and generating docs…');
          const result = await generateDocs(ctx.globals.cwd, { api: options.api });
          ctx.out.result(result, () => [`wrote ${result.openapi} (${result.routes} routes)`, ...(result.api ? [`wrote ${result.api}/index.html`] : [])]);
        }),
      );
  },
};
