/**
 * `npm run bench -- <name> [--json] [...args]`: runs one benchmark from bench/.
 * A benchmark is `bench/<name>.ts` or `bench/<name>/index.ts` whose default export is a
 * `Benchmark`; it measures ours and the peer (or floor) in the same run and returns both.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Benchmark, BenchResult } from './types.js';

const here = path.dirname(fileURLToPath(import.meta.url));

function available(): string[] {
  return readdirSync(here, { withFileTypes: true })
    .filter((entry) => (entry.isDirectory() && existsSync(path.join(here, entry.name, 'index.ts'))) || (entry.isFile() && entry.name.endsWith('.ts') && !['run.ts', 'types.ts'].includes(entry.name) && !entry.name.endsWith('.test.ts')))
    .map((entry) => entry.name.replace(/\.ts$/, ''))
    .sort();
}

const [name, ...rest] = process.argv.slice(2);
const json = rest.includes('--json');
const args = rest.filter((arg) => arg !== '--json');
if (!name || name.startsWith('-')) {
  console.error(`usage: npm run bench -- <name> [--json]\nbenchmarks: ${available().join(', ')}`);
  process.exit(2);
}
const file = [path.join(here, `${name}.ts`), path.join(here, name, 'index.ts')].find((candidate) => existsSync(candidate));
if (!file) {
  console.error(`unknown benchmark "${name}"; available: ${available().join(', ')}`);
  process.exit(2);
}
const bench = ((await import(pathToFileURL(file).href)) as { default: Benchmark }).default;
const result: BenchResult = await bench({ args, log: (line) => (json ? process.stderr : process.stdout).write(`${line}\n`) });
if (json) process.stdout.write(`${JSON.stringify({ name, ...result }, null, 2)}\n`);
else process.stdout.write(`${result.summary}\n`);
process.exit(result.pass === false ? 1 : 0);
