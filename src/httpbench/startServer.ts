import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { httpbenchError } from './errors.js';
import type { Framework } from './workloads.js';

/** A benchmark server running in its own process. */
export interface BenchServer {
  readonly port: number;
  stop(): Promise<void>;
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** Starts the `framework` app in a child process (compiled JS, or TS through jiti) and waits for its port. */
export async function startServer(framework: Framework, signal?: AbortSignal): Promise<BenchServer> {
  const js = path.join(here, 'servers', `${framework}.js`);
  const args = existsSync(js) ? [js] : ['--import', 'jiti/register', path.join(here, 'servers', `${framework}.ts`)];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'production' }, signal });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve(Number(line));
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('error', (error) => reject(httpbenchError('KREPIS_HTTPBENCH_SPAWN', `could not start the ${framework} server: ${error.message}`, 'run `npm run build` first', error)));
    child.once('exit', (code) => reject(httpbenchError('KREPIS_HTTPBENCH_SPAWN', `the ${framework} server exited (${code}) before listening: ${err.trim().slice(0, 400)}`, 'run `npm run build` first')));
  });
  return { port, stop: () => stopChild(child) };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
