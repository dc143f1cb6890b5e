/**
 * Trace hashes of every catalogue scenario (buggy and fixed, chaos off and on, several seeds, one
 * random and one DPOR schedule) and of the file fixtures: a refactor of the engine must leave them
 * all unchanged. `node --import jiti/register bench/twin/traceHashes.ts > before.txt`, change, run
 * again, `diff`. One line per scenario, then the hash over all of them.
 */
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '@krepis/kernel';
import { catalogue } from '../../src/twin/catalogue/index.js';
import { randomChooser } from '../../src/twin/explore/choosers.js';
import { DfsExplorer } from '../../src/twin/explore/dfs.js';
import { runSchedule } from '../../src/twin/explore/runOnce.js';
import { loadScenarioFile } from '../../src/twin/load/loadScenarioFile.js';
import type { RunResult } from '../../src/twin/engine/Run.js';

const SEEDS = [1, 2, 42];
const DPOR_RUNS = 20;
const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, '..', '..', 'src', 'twin', 'fixtures');

const digest = (run: RunResult): string => JSON.stringify([run.trace, run.findings, run.states, run.decisions, run.races, run.virtualMs]);

/** Every schedule this script runs of one scenario, hashed together. */
async function scenarioHash(fresh: () => Scenario): Promise<string> {
  const hash = createHash('sha256');
  for (const chaos of [false, true]) {
    for (const seed of SEEDS) hash.update(digest(await runSchedule(fresh, seed, randomChooser(seed), chaos, true)));
  }
  const dfs = new DfsExplorer('dpor', Infinity, undefined, false);
  for (let i = 0, chooser = dfs.nextChooser(); chooser && i < DPOR_RUNS; i++, chooser = dfs.nextChooser()) {
    hash.update(digest(await runSchedule(fresh, 1, chooser, false, true)));
    dfs.afterRun();
  }
  return hash.digest('hex').slice(0, 16);
}

function fixtureFiles(): string[] {
  return readdirSync(fixtures, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.twin.ts') && !file.includes('nondeterministic'))
    .map((file) => path.join(fixtures, file))
    .sort();
}

const lines: string[] = [];
for (const entry of catalogue) {
  lines.push(`${entry.id} buggy ${await scenarioHash(() => entry.buggy)}`);
  lines.push(`${entry.id} fixed ${await scenarioHash(() => entry.fixed)}`);
}
for (const file of fixtureFiles()) {
  const loaded = loadScenarioFile(file);
  for (const [index, name] of loaded.names.entries()) {
    lines.push(`file ${path.relative(fixtures, file)} "${name}" ${await scenarioHash(() => loaded.instantiate()[index] as Scenario)}`);
  }
}
lines.push(`all ${createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)}`);
console.log(lines.join('\n'));
