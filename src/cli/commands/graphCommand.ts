import { Option } from 'commander';
import type { GraphNode } from '../../tristore/index.js';
import type { CommandModule } from '../command.js';
import { parseIntFlag } from '../command.js';
import { withTriStore } from './indexCommand.js';

/** `krepis graph <name> --dependencies|--dependents [--depth N]`. */
export const graphCommand: CommandModule = {
  register(program, run) {
    program
      .command('graph')
      .argument('<name>', 'symbol (name, Class.method or file#name) or file path')
      .addOption(new Option('--dependencies', 'what it uses (calls, references, extends, implements; imports for a file)').conflicts('dependents'))
      .addOption(new Option('--dependents', 'what uses it (and the tests that exercise it)'))
      .option('--depth <n>', 'hops to follow (default 1)', parseIntFlag(1), 1)
      .option('--path-to <target>', 'a shortest chain of calls/references/extends/implements from <name> to <target>')
      .description('walk the code graph from a symbol or file')
      .action(
        run(async (ctx, name: string, flags: { dependencies?: boolean; dependents?: boolean; depth: number; pathTo?: string }) => {
          if (flags.pathTo) {
            const target = flags.pathTo;
            const chain = await withTriStore(ctx, undefined, async (store) => {
              await store.update({ signal: ctx.signal });
              return store.path(name, target);
            });
            ctx.out.result({ from: name, to: target, path: chain ?? null }, () => (chain ? chain.map((id, index) => `${'  '.repeat(index)}${index > 0 ? '→ ' : ''}${id}`) : [`no path from ${name} to ${target}`]));
            return chain ? 0 : 1;
          }
          const direction = flags.dependents ? 'dependents' : 'dependencies';
          const nodes: GraphNode[] = await withTriStore(ctx, undefined, async (store) => {
            await store.update({ signal: ctx.signal });
            return direction === 'dependents' ? store.dependents(name, flags.depth) : store.dependencies(name, flags.depth);
          });
          ctx.out.result({ name, direction, depth: flags.depth, nodes }, () => (nodes.length === 0 ? [`no ${direction} of ${name}`] : nodes.map((node) => `${'  '.repeat(node.depth - 1)}${node.via.padEnd(10)} ${node.id}`)));
        }),
      );
  },
};
