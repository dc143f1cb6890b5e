/**
 * Determinism (`JITI_TSCONFIG_PATHS=1 npm run bench -- twin-determinism`): 1,000 reruns of one seed
 * of a chaos scenario (latency, I/O errors, timeouts, crashes) must give 1,000 identical trace hashes.
 */
import { createHash } from 'node:crypto';
import type { Scenario } from '@krepis/kernel';
import { catalogue } from '../src/twin/catalogue/index.js';
import { randomChooser } from '../src/twin/explore/choosers.js';
import { runSchedule } from '../src/twin/explore/runOnce.js';
import type { Benchmark } from './types.js';

async function traceHash(scenario: Scenario, seed: number): Promise<string> {
  const run = await runSchedule(scenario, seed, randomChooser(seed), true, true);
  return createHash('sha256').update(JSON.stringify([run.trace, run.findings, run.states])).digest('hex');
}

const bench: Benchmark = async ({ log, args }) => {
  const reruns = Number(args[0] ?? 1000);
  const figures: Record<string, unknown> = {};
  let pass = true;
  for (const id of ['journal-replay', 'timer-race', 'starvation']) {
    const entry = catalogue.find((candidate) => candidate.id === id);
    if (!entry) continue;
    const hashes = new Set<string>();
    const started = performance.now();
    for (let i = 0; i < reruns; i++) hashes.add(await traceHash(entry.buggy, 42));
    const different = new Set<string>();
    for (let seed = 1; seed <= 20; seed++) different.add(await traceHash(entry.buggy, seed));
    log(`${id}: ${reruns} reruns of seed 42 → ${hashes.size} distinct trace hash(es) in ${(performance.now() - started).toFixed(0)} ms; 20 other seeds → ${different.size} distinct`);
    figures[id] = { reruns, distinctHashes: hashes.size, otherSeedsDistinct: different.size };
    pass &&= hashes.size === 1;
  }
  return { summary: `determinism: ${reruns} reruns per seed → 1 trace hash each: ${pass ? 'PASS' : 'FAIL'}`, figures, pass };
};

export default bench;
