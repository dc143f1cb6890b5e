/**
 * Distinct states per second (`JITI_TSCONFIG_PATHS=1 npm run bench -- twin-states [schedules]`):
 * random walks over a large state space, in one thread and across worker threads (one per core),
 * distinct states merged across workers. Target ≥ 100,000 distinct states/s over both cores.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { verifyProject } from '../src/twin/index.js';
import type { Benchmark } from './types.js';

const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'twin', 'states.twin.ts');

const bench: Benchmark = async ({ log, args }) => {
  const budget = Number(args[0] ?? 40);
  const cores = availableParallelism();
  const figures: Record<string, unknown> = { cores };
  let best = 0;
  for (const workers of [1, cores]) {
    const started = performance.now();
    const report = await verifyProject(path.dirname(file), { files: [file], strategy: 'random', budget, workers });
    const wall = performance.now() - started;
    // Exploration time: the slowest worker's, without thread start-up and module loading.
    const exploring = Math.max(...report.scenarios.map((scenario) => scenario.wallMs));
    const perSecond = report.distinctStates / (exploring / 1000);
    best = Math.max(best, perSecond);
    log(`${workers} worker(s): ${report.distinctStates.toLocaleString('en-US')} distinct states, ${report.transitions.toLocaleString('en-US')} transitions, ${report.schedules} schedules; exploring ${exploring.toFixed(0)} ms (${wall.toFixed(0)} ms with start-up) → ${Math.round(perSecond).toLocaleString('en-US')} states/s`);
    figures[`workers_${workers}`] = { distinctStates: report.distinctStates, transitions: report.transitions, schedules: report.schedules, exploringMs: exploring, wallMs: wall, statesPerSecond: perSecond };
  }
  return { summary: `distinct states/s: ${Math.round(best).toLocaleString('en-US')} (target ≥ 100,000 over both cores; TLC multi-core ~40–75k) → ${best >= 100_000 ? 'PASS' : 'FAIL'}`, figures, pass: best >= 100_000, machine: { cores } };
};

export default bench;
