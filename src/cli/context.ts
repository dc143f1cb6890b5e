import { resolveConfig, type KrepisUserConfig, type ResolvedConfig } from '../config/index.js';
import type { Output } from './Output.js';

export interface GlobalOptions {
  json: boolean;
  cwd: string;
  config?: string;
  verbose: boolean;
  quiet: boolean;
  color: boolean;
}

/** What every command receives. */
export interface CommandContext {
  readonly globals: GlobalOptions;
  readonly out: Output;
  /** Aborted on Ctrl-C; long work must stop cleanly and lose nothing. */
  readonly signal: AbortSignal;
  readonly env: NodeJS.ProcessEnv;
  /** Resolves the config once (file + env + these flag overrides). */
  config(overrides?: KrepisUserConfig): Promise<ResolvedConfig>;
}

export function createContext(globals: GlobalOptions, out: Output, signal: AbortSignal, env: NodeJS.ProcessEnv): CommandContext {
  let cached: Promise<ResolvedConfig> | undefined;
  return {
    globals,
    out,
    signal,
    env,
    config(overrides) {
      if (overrides !== undefined) return resolveConfig({ cwd: globals.cwd, configFile: globals.config, env, overrides });
      cached ??= resolveConfig({ cwd: globals.cwd, configFile: globals.config, env });
      return cached;
    },
  };
}
