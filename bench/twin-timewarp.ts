/**
 * Time warp (`JITI_TSCONFIG_PATHS=1 npm run bench -- twin-timewarp`): simulated time per wall
 * second on timer-heavy scenarios; target ≥ 1 simulated hour per wall second.
 */
import { defineScenario, type Scenario } from '@krepis/kernel';
import { verifyScenario } from '../src/twin/index.js';
import type { Benchmark } from './types.js';

/** 20 cron-like jobs ticking every 1–20 virtual seconds for a virtual day, each touching storage. */
const cron: Scenario = defineScenario({
  name: 'cron day',
  setup: ({ ports }) => ports,
  actors: {
    job: {
      count: 20,
      async run({ app, instance }) {
        const period = (instance + 1) * 1000;
        for (let t = 0; t < 86_400_000; t += period * 60) {
          await app.clock.sleep(period * 60);
          await app.storage.put('cron', `job${instance}`, new Uint8Array([t % 251]));
        }
      },
    },
  },
  maxSteps: 10_000_000,
}) as Scenario;

/** A day of production traffic: 2 requests per virtual second, each with a timeout timer and a write. */
const traffic: Scenario = defineScenario({
  name: 'a day of traffic',
  setup: ({ ports }) => ports,
  actors: {
    order: async ({ app }) => {
      const timer = app.clock.setTimer(5_000, () => undefined);
      await app.storage.put('shop', 'last', new Uint8Array([1]));
      app.clock.clearTimer(timer);
    },
    browse: async ({ app }) => {
      await app.clock.sleep(20);
      await app.storage.get('shop', 'last');
    },
  },
  workload: { durationMs: 86_400_000, ratePerSecond: 0.5, mix: { order: 1, browse: 3 } },
  chaos: { latencyMs: [1, 40] },
}) as Scenario;

const bench: Benchmark = async ({ log }) => {
  const figures: Record<string, unknown> = {};
  let worst = Infinity;
  for (const scenario of [cron, traffic]) {
    const started = performance.now();
    const report = await verifyScenario(scenario, { strategy: 'random', budget: 1 });
    const wall = performance.now() - started;
    const hoursPerSecond = report.virtualMs / 3_600_000 / (wall / 1000);
    worst = Math.min(worst, hoursPerSecond);
    const workload = report.workload ? ` · ${report.workload.requests} requests, latency p50 ${report.workload.latencyMs.p50} ms p99 ${report.workload.latencyMs.p99} ms (virtual)` : '';
    log(`${scenario.name}: ${(report.virtualMs / 3_600_000).toFixed(1)} virtual hours in ${wall.toFixed(0)} ms wall = ${hoursPerSecond.toFixed(1)} simulated hours/s (${report.transitions} steps)${workload}`);
    figures[scenario.name] = { virtualMs: report.virtualMs, wallMs: wall, hoursPerSecond, steps: report.transitions, workload: report.workload };
  }
  return { summary: `time warp: ≥ ${worst.toFixed(1)} simulated hours per wall second (target ≥ 1) → ${worst >= 1 ? 'PASS' : 'FAIL'}`, figures, pass: worst >= 1 };
};

export default bench;
