import type { Command } from 'commander';
import type { CommandContext } from './context.js';

/** A command's action: returns the exit code (default 0) or throws a KrepisError. */
export type CommandAction<A extends unknown[]> = (ctx: CommandContext, ...args: A) => Promise<number | void>;

/** Wraps an action so that it gets a context and its errors become exit codes. */
export type Runner = <A extends unknown[]>(action: CommandAction<A>) => (...args: A) => Promise<void>;

/** One `krepis` command (or command group). */
export interface CommandModule {
  register(program: Command, run: Runner): void;
}

/** Parses a positive integer flag value, with a usage error naming the flag. */
export { parseIntFlag } from './flags.js';
