import type { CommandModule } from '../command.js';

/**
 * A `krepis` command (or group of commands) and how to load it. Loading is lazy: a command's
 * module pulls in heavy engines (ts-morph, SurrealDB, node-llama-cpp, TypeDoc), so `krepis doctor`
 * loads only what doctor needs. A command is listed here only once it works end to end.
 */
export interface CommandEntry {
  /** The top-level command names the module registers. */
  readonly names: readonly string[];
  readonly load: () => Promise<CommandModule>;
}

export const commandEntries: readonly CommandEntry[] = [
  { names: ['ai'], load: async () => (await import('./ai.js')).aiCommand },
  { names: ['undo'], load: async () => (await import('./undo.js')).undoCommand },
  { names: ['index', 'symbol', 'graph', 'context'], load: async () => (await import('./tristoreCommands.js')).tristoreCommands },
  { names: ['verify'], load: async () => (await import('./verify.js')).verifyCommand },
  { names: ['batch'], load: async () => (await import('./batch.js')).batchCommand },
  { names: ['rewrite'], load: async () => (await import('./rewrite.js')).rewriteCommand },
  { names: ['init'], load: async () => (await import('./init.js')).initCommand },
  { names: ['generate'], load: async () => (await import('./generate.js')).generateCommand },
  { names: ['docs'], load: async () => (await import('./docs.js')).docsCommand },
  { names: ['benchmark'], load: async () => (await import('./benchmark.js')).benchmarkCommand },
  { names: ['model'], load: async () => (await import('./model.js')).modelCommand },
  { names: ['doctor'], load: async () => (await import('./doctor.js')).doctorCommand },
  { names: ['config'], load: async () => (await import('./config.js')).configCommand },
];

/** Global flags that take a value, so the value is not mistaken for the command name. */
const GLOBAL_FLAGS_WITH_VALUE = new Set(['--cwd', '--config']);

/** The top-level command named in `argv`, if any. */
export function requestedCommand(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i += 1) {
    const token = argv[i] as string;
    if (GLOBAL_FLAGS_WITH_VALUE.has(token)) i += 1;
    else if (!token.startsWith('-')) return token;
  }
  return undefined;
}

/**
 * Loads the command `argv` asks for; none for a bare `--version` (it needs no command, and loading
 * them all took 2 s); every command for help and unknown names.
 */
export async function loadCommands(argv: readonly string[]): Promise<CommandModule[]> {
  const name = requestedCommand(argv);
  if (name === undefined && argv.some((token) => token === '-V' || token === '--version') && !argv.some((token) => token === '-h' || token === '--help')) return [];
  const match = commandEntries.find((entry) => name !== undefined && entry.names.includes(name));
  return Promise.all((match ? [match] : commandEntries).map((entry) => entry.load()));
}
