import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { ExitCode, exitCodeFor } from '../errors/index.js';
import type { Runner } from './command.js';
import { loadCommands } from './commands/index.js';
import { createContext, type GlobalOptions } from './context.js';
import { Output } from './Output.js';
import { renderError } from './renderError.js';
import { VERSION } from './version.js';

export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** Aborted on Ctrl-C. */
  signal: AbortSignal;
}

/**
 * Runs the `krepis` CLI on `argv` (without `node` and the script) and returns its exit code:
 * 0 ok, 1 verification failed, 2 usage or config error, 3 runtime error.
 */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const program = new Command('krepis')
    .description('Local, private AI coding assistant for TypeScript that hands over only verified code.')
    .version(VERSION, '-V, --version')
    .option('--json', 'print one JSON document on stdout (for scripts)', false)
    .option('--cwd <dir>', 'project root', '.')
    .option('--config <file>', 'config file (default: krepis.config.{ts,js,json} or package.json#krepis)')
    .option('--verbose', 'more detail, stack traces on errors', false)
    .option('--quiet', 'only errors', false)
    .option('--no-color', 'plain output')
    .showHelpAfterError('(run `krepis --help` for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });

  const globals = (): GlobalOptions => {
    const opts = program.opts<{ json: boolean; cwd: string; config?: string; verbose: boolean; quiet: boolean; color: boolean }>();
    const colorAllowed = opts.color && io.env.NO_COLOR === undefined && (io.stdout.isTTY === true || io.env.FORCE_COLOR !== undefined);
    return { ...opts, cwd: path.resolve(opts.cwd), color: colorAllowed };
  };

  const run: Runner = (action) => async (...args) => {
    const g = globals();
    const out = new Output({ stdout: io.stdout, stderr: io.stderr, json: g.json, quiet: g.quiet, verbose: g.verbose, color: g.color });
    const ctx = createContext(g, out, io.signal, io.env);
    try {
      exitCode = (await action(ctx, ...args)) ?? ExitCode.ok;
    } catch (error) {
      renderError(out, error);
      exitCode = exitCodeFor(error);
    }
  };

  for (const command of await loadCommands(argv)) command.register(program, run);

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; anything else commander rejects is a usage error.
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    throw error;
  }
  return exitCode;
}
