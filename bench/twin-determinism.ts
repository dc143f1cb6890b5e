/**
 * Determinism (`JITI_TSCONFIG_PATHS=1 npm run bench -- twin-determinism`): 1,000 reruns of one seed
 * of a chaos scenario (latency, I/O errors, timeouts, crashes) must give 1,000 identical trace hashes.
 * Catalogue scenarios run in-process; a scenario file runs as users' do, through the vm loader
 * (a fresh module instance per run).
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '@krepis/kernel';
import { catalogue } from '../src/twin/catalogue/index.js';
import { randomChooser } from '../src/twin/explore/choosers.js';
import { runSchedule, type ScenarioSource } from '../src/twin/explore/runOnce.js';
import { loadScenarioFile } from '../src/twin/load/loadScenarioFile.js';
import type { Benchmark } from './types.js';

async function traceHash(scenario: ScenarioSource, seed: number): Promise<string> {
  const run = await runSchedule(scenario, seed, randomChooser(seed), true, true);
  return createHash('sha256').update(JSON.stringify([run.trace, run.findings, run.states])).digest('hex');
}

const bankFile = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'twin', 'fixtures', 'bank', 'bank.twin.ts');

/** The scenarios rerun: three catalogue bugs and one scenario file. */
function subjects(): [string, ScenarioSource][] {
  const list: [string, ScenarioSource][] = [];
  for (const id of ['journal-replay', 'timer-race', 'starvation']) {
    const entry = catalogue.find((candidate) => candidate.id === id);
    if (entry) list.push([id, entry.buggy]);
  }
  const loaded = loadScenarioFile(bankFile);
  list.push(['file bank.twin.ts', () => loaded.instantiate()[0] as Scenario]);
  return list;
}

const bench: Benchmark = async ({ log, args }) => {
  const reruns = Number(args[0] ?? 1000);
  const figures: Record<string, unknown> = {};
  let pass = true;
  for (const [id, scenario] of subjects()) {
    const hashes = new Set<string>();
    const started = performance.now();
    for (let i = 0; i < reruns; i++) hashes.add(await traceHash(scenario, 42));
    const different = new Set<string>();
    for (let seed = 1; seed <= 20; seed++) different.add(await traceHash(scenario, seed));
    log(`${id}: ${reruns} reruns of seed 42 → ${hashes.size} distinct trace hash(es) in ${(performance.now() - started).toFixed(0)} ms; 20 other seeds → ${different.size} distinct`);
    figures[id] = { reruns, distinctHashes: hashes.size, otherSeedsDistinct: different.size };
    pass &&= hashes.size === 1;
  }
  return { summary: `determinism: ${reruns} reruns per seed → 1 trace hash each: ${pass ? 'PASS' : 'FAIL'}`, figures, pass };
};

export default bench;
