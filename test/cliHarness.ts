import { PassThrough } from 'node:stream';
import { runCli } from '../src/cli/index.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (for `--json` runs). */
  json<T = unknown>(): T;
}

/** Runs the CLI in-process, capturing its output. */
export async function krepis(args: readonly string[], env: NodeJS.ProcessEnv = {}, signal = new AbortController().signal): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const code = await runCli(args, { stdout, stderr, env: { NO_COLOR: '1', ...env }, signal });
  return { code, stdout: out, stderr: err, json: <T>() => JSON.parse(out) as T };
}
