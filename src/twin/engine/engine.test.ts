import { defineScenario, type Scenario } from '@krepis/kernel';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../catalogue/index.js';
import { randomChooser } from '../explore/choosers.js';
import { decodeReplayToken } from '../explore/replayToken.js';
import { runSchedule } from '../explore/runOnce.js';
import { verifyScenario } from '../index.js';

const journal = catalogue.find((entry) => entry.id === 'journal-replay')?.buggy as Scenario;

describe('twin engine', () => {
  it('gives one trace per seed, bit for bit, under chaos (latency, faults, crash)', async () => {
    const traces = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const run = await runSchedule(journal, 7, randomChooser(7), true, true);
      traces.add(JSON.stringify([run.trace, run.states, run.findings]));
    }
    expect(traces.size).toBe(1);
    const others = new Set<string>();
    for (let seed = 1; seed <= 10; seed++) others.add(JSON.stringify((await runSchedule(journal, seed, randomChooser(seed), true, true)).trace));
    expect(others.size).toBeGreaterThan(1);
  });

  it('keeps runs that interleave in one thread apart: each gives the trace it gives alone', async () => {
    const lost = catalogue.find((entry) => entry.id === 'lost-update')?.buggy as Scenario;
    const alone = [await runSchedule(journal, 7, randomChooser(7), true, true), await runSchedule(lost, 3, randomChooser(3), false, true)];
    const together = await Promise.all([runSchedule(journal, 7, randomChooser(7), true, true), runSchedule(lost, 3, randomChooser(3), false, true)]);
    expect(together.map((run) => JSON.stringify([run.trace, run.findings]))).toEqual(alone.map((run) => JSON.stringify([run.trace, run.findings])));
  });

  it('reports a scenario that throws in setup, naming it', async () => {
    const broken = defineScenario({
      name: 'broken setup',
      setup: () => {
        throw new Error('database URL missing');
      },
      actors: { a: () => undefined },
    });
    const report = await verifyScenario(broken, { strategy: 'random', budget: 5 });
    expect(report.ok).toBe(false);
    expect(report.error).toContain('database URL missing');
    expect(report.violations[0]?.message).toContain('setup threw');
  });

  it('stops a scenario that never ends at the step budget and calls it a hang', async () => {
    const endless = defineScenario({
      name: 'spins forever',
      setup: ({ ports }) => ports,
      actors: { spin: async ({ app }) => { for (;;) await app.clock.sleep(1); } },
      maxSteps: 500,
    });
    const report = await verifyScenario(endless, { strategy: 'random', budget: 2 });
    expect(report.violations[0]?.kind).toBe('hang');
    expect(report.violations[0]?.message).toContain('step budget');
  });

  it('replays a day of workload in virtual time with latency and queueing percentiles', async () => {
    const shop = defineScenario({
      name: 'shop day',
      setup: ({ ports }) => ports,
      actors: {
        order: async ({ app }) => {
          const lease = await app.locks.acquire('stock');
          await app.clock.sleep(50);
          await lease.release();
        },
      },
      workload: { durationMs: 3_600_000, ratePerSecond: 0.05, mix: { order: 1 } },
    });
    const report = await verifyScenario(shop, { strategy: 'random', budget: 1 });
    expect(report.ok).toBe(true);
    expect(report.workload?.requests).toBeGreaterThan(100);
    expect(report.workload?.completed).toBe(report.workload?.requests);
    expect(report.workload?.latencyMs.p50).toBeGreaterThanOrEqual(50);
    expect(report.virtualMs).toBeGreaterThan(3_500_000);
  });

  it('finds a liveness violation and checks invariants after every step', async () => {
    const flags = defineScenario({
      name: 'flags',
      setup: ({ track }) => track('state', { ready: false, count: 0 }),
      actors: { bump: async ({ app, yield: pause }) => { app.count = 1; await pause(); app.count = 3; } },
      invariants: { 'count never 3': (app) => app.count !== 3 },
      liveness: { 'eventually ready': { eventually: (app) => app.ready } },
    });
    const report = await verifyScenario(flags, { strategy: 'dpor', budget: 10, stopOnFirst: false });
    expect(report.violations.map((violation) => violation.kind)).toContain('invariant');
    const token = decodeReplayToken(report.violations[0]?.replayToken ?? '');
    expect(token.scenario).toBe('flags');
  });
});
