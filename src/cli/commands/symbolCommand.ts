import type { SymbolRecord } from '../../tristore/index.js';
import type { CommandModule } from '../command.js';
import { withTriStore } from './indexCommand.js';

function renderSymbol(symbol: SymbolRecord): string[] {
  const doc = symbol.doc?.summary ?? (symbol.shadow ? `(shadow) ${symbol.shadow.summary}` : '');
  return [`${symbol.kind} ${symbol.qualifiedName}  ${symbol.file}:${symbol.range.startLine}${symbol.exported ? '  exported' : ''}`, `  ${symbol.signature.split('\n').join('\n  ')}`, ...(doc ? [`  ${doc.split('\n')[0]}`] : [])];
}

/** `krepis symbol <name>`: where a symbol is declared, with its signature and JSDoc. */
export const symbolCommand: CommandModule = {
  register(program, run) {
    program
      .command('symbol')
      .argument('<name>', 'symbol name, qualified name (Class.method) or id (file#name)')
      .option('--prefix', 'every symbol whose name starts with <name>, ignoring case')
      .description('look a symbol up in the index')
      .action(
        run(async (ctx, name: string, flags: { prefix?: boolean }) => {
          const symbols = await withTriStore(ctx, undefined, async (store) => {
            await store.update({ signal: ctx.signal });
            return store.lookup(name, { prefix: flags.prefix === true });
          });
          ctx.out.result({ name, symbols }, () => (symbols.length === 0 ? [`no symbol named "${name}" (try --prefix)`] : symbols.flatMap(renderSymbol)));
          return symbols.length === 0 ? 1 : 0;
        }),
      );
  },
};
