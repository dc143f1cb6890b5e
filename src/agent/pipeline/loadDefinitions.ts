import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import type { ConformanceResult } from '@krepis/kernel/conformance';
import type { Issue } from '../types.js';

const LOAD_TIMEOUT_MS = 30_000;

/**
 * Runs in a child process inside the workspace copy: loads the changed modules (jiti, for
 * TypeScript), collects the controllers and services they export, and checks their shapes with
 * the project's own `@krepis/kernel/conformance`. App code never runs inside Krepis itself.
 */
const CHILD = `
const path = require('node:path');
const { createJiti } = require(process.argv[1]);
const [dir, ...files] = process.argv.slice(2);
const jiti = createJiti(path.join(dir, 'index.js'), { moduleCache: false, fsCache: false });
(async () => {
  const conformance = await jiti.import('@krepis/kernel/conformance');
  const controllers = [], services = [], issues = [];
  for (const file of files) {
    try {
      const exports = await jiti.import(path.join(dir, file));
      for (const value of Object.values(exports)) {
        if (value && value.kind === 'controller') controllers.push(value);
        if (value && value.kind === 'service') services.push(value);
      }
    } catch (error) {
      issues.push({ file, line: 0, message: 'could not load the module to check its definitions: ' + String((error && error.message) || error).split('\\n')[0] });
    }
  }
  const results = [conformance.checkControllers(controllers), conformance.checkServices(services)];
  process.stdout.write(JSON.stringify({ controllers: controllers.length, services: services.length, issues, results }));
})().then(() => process.exit(0), (error) => { process.stdout.write(JSON.stringify({ fatal: String((error && error.message) || error) })); process.exit(0); });
`;

export interface Definitions {
  controllers: number;
  services: number;
  /** Modules that could not load, and the shape checks' verdicts. */
  issues: Issue[];
  results: ConformanceResult[];
}

/** Controllers' and services' shape checks for `files` (relative to `dir`), in a child process with a time limit. */
export function checkDefinitions(dir: string, files: readonly string[], signal?: AbortSignal): Promise<Definitions> {
  const jiti = createRequire(import.meta.url).resolve('jiti');
  return new Promise((resolve) => {
    execFile(process.execPath, ['--max-old-space-size=1024', '-e', CHILD, jiti, dir, ...files], { cwd: dir, timeout: LOAD_TIMEOUT_MS, killSignal: 'SIGKILL', maxBuffer: 8 * 1024 * 1024, ...(signal ? { signal } : {}) }, (error, stdout) => {
      const failed = (message: string): Definitions => ({ controllers: 0, services: 0, issues: [{ file: files[0] ?? '(app)', line: 0, message }], results: [] });
      if (error?.killed) return resolve(failed(`loading the changed modules did not finish within ${LOAD_TIMEOUT_MS / 1000} s`));
      try {
        const parsed = JSON.parse(stdout) as Definitions & { fatal?: string };
        resolve(parsed.fatal ? failed(`the kernel conformance checks could not run: ${parsed.fatal}`) : parsed);
      } catch {
        resolve(failed(`the conformance child gave no answer${error ? `: ${error.message.split('\n')[0] ?? ''}` : ''}`));
      }
    });
  });
}
