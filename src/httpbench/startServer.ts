import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { httpbenchError } from './errors.js';
import type { Framework } from './workloads.js';

/** A benchmark server running in its own process. */
export interface BenchServer {
  readonly port: number;
  /** CPU time (user + system, µs) the server process has used so far. */
  cpuMicros(): Promise<number>;
  stop(): Promise<void>;
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** Starts the `framework` app in a child process (compiled JS, or TS through jiti) and waits for its port. */
export async function startServer(framework: Framework, signal?: AbortSignal): Promise<BenchServer> {
  // Compiled servers when there are any (next to this file, or in dist/ when running from src/ through jiti).
  const js = [path.join(here, 'servers', `${framework}.js`), path.join(here, '..', '..', 'dist', 'httpbench', 'servers', `${framework}.js`)].find((file) => existsSync(file));
  const args = js ? [js] : ['--import', 'jiti/register', path.join(here, 'servers', `${framework}.ts`)];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe', 'ipc'], env: { ...process.env, NODE_ENV: 'production' }, signal });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve(Number(line));
    });
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('error', (error) => reject(httpbenchError('KREPIS_HTTPBENCH_SPAWN', `could not start the ${framework} server: ${error.message}`, 'run `npm run build` first', error)));
    child.once('exit', (code) => reject(httpbenchError('KREPIS_HTTPBENCH_SPAWN', `the ${framework} server exited (${code}) before listening: ${err.trim().slice(0, 400)}`, 'run `npm run build` first')));
  });
  return { port, cpuMicros: () => cpuMicros(child), stop: () => stopChild(child) };
}

function cpuMicros(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (usage) => resolve((usage as NodeJS.CpuUsage).user + (usage as NodeJS.CpuUsage).system));
    child.send('cpu');
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
