import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Issue } from '../types.js';

export interface VitestRun {
  passed: number;
  failed: number;
  issues: Issue[];
  /** Set when the run was stopped by the time limit or the signal. */
  stopped?: 'timeout' | 'aborted';
}

interface JsonReport {
  numPassedTests?: number;
  numFailedTests?: number;
  testResults?: { name: string; status: string; message?: string; assertionResults?: { fullName: string; status: string; failureMessages?: string[]; location?: { line: number } }[] }[];
}

/** The project's own vitest when it has one, else the one Krepis ships with. */
function vitestBin(dir: string): string {
  const local = path.join(dir, 'node_modules', 'vitest', 'vitest.mjs');
  return existsSync(local) ? local : path.join(path.dirname(fileURLToPath(import.meta.resolve('vitest/package.json'))), 'vitest.mjs');
}

/** The environment of the child: no inherited vitest worker state, a capped heap, proxies pointed nowhere (no network for HTTP clients that honour them). */
function childEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'NODE_OPTIONS'));
  return { ...env, NODE_ENV: 'test', CI: '1', HTTP_PROXY: 'http://127.0.0.1:9', HTTPS_PROXY: 'http://127.0.0.1:9', NO_PROXY: 'localhost,127.0.0.1', KREPIS_OFFLINE: '1' };
}

const firstLines = (text: string, count = 6): string => text.split('\n').slice(0, count).join('\n');

/** The assertion's words without the stack trace. */
const withoutStack = (text: string): string => firstLines(text.split('\n').filter((line) => !/^\s+at /.test(line)).join('\n'), 4);

/** The failing line of `file`, read from the stack. */
function lineIn(text: string, file: string): number {
  const match = new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+)`).exec(text);
  return match ? Number(match[1]) : 0;
}

function issuesOf(report: JsonReport, dir: string): Issue[] {
  return (report.testResults ?? []).flatMap((file) => {
    const rel = path.relative(dir, file.name);
    const failures = (file.assertionResults ?? []).filter((test) => test.status === 'failed');
    if (failures.length === 0 && file.status === 'failed') return [{ file: rel, line: 0, message: `test file failed: ${firstLines(file.message ?? 'unknown error')}` }];
    return failures.map((test) => {
      const text = test.failureMessages?.join('\n') ?? 'failed';
      return { file: rel, line: test.location?.line ?? lineIn(text, file.name), message: `${test.fullName}: ${withoutStack(text)}` };
    });
  });
}

/** Runs `files` with vitest in a child process (time and memory limits) inside `dir`. */
export async function runVitest(dir: string, files: readonly string[], options: { timeoutMs: number; signal?: AbortSignal }): Promise<VitestRun> {
  const outputFile = path.join(dir, '.krepis-vitest.json');
  await rm(outputFile, { force: true });
  const args = ['--max-old-space-size=1536', vitestBin(dir), 'run', '--reporter=json', `--outputFile=${outputFile}`, '--passWithNoTests', ...files];
  const child = await new Promise<{ error: (Error & { killed?: boolean; code?: unknown }) | null; stderr: string }>((resolve) => {
    execFile(process.execPath, args, { cwd: dir, env: childEnv(), timeout: options.timeoutMs, killSignal: 'SIGKILL', signal: options.signal, maxBuffer: 16 * 1024 * 1024 }, (error, _stdout, stderr) => resolve({ error, stderr }));
  });
  if (options.signal?.aborted) return { passed: 0, failed: 0, issues: [], stopped: 'aborted' };
  if (child.error?.killed) return { passed: 0, failed: 0, issues: [{ file: '(tests)', line: 0, message: `the tests did not finish within ${options.timeoutMs} ms` }], stopped: 'timeout' };
  const report = existsSync(outputFile) ? (JSON.parse(await readFile(outputFile, 'utf8')) as JsonReport) : undefined;
  if (!report) return { passed: 0, failed: 1, issues: [{ file: '(tests)', line: 0, message: `vitest did not run: ${firstLines(child.stderr, 8)}` }] };
  return { passed: report.numPassedTests ?? 0, failed: report.numFailedTests ?? 0, issues: issuesOf(report, dir) };
}
