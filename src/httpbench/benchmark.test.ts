import { describe, expect, it } from 'vitest';
import { krepis } from '../../test/cliHarness.js';
import { measuringOrder, type BenchmarkReport } from './runBenchmark.js';
import { FRAMEWORKS } from './workloads.js';

describe('krepis benchmark', () => {
  it('measures in a balanced order: over four rounds each framework goes first once and follows each other one once', () => {
    for (const workload of [0, 1, 2]) {
      const rounds = [1, 2, 3, 4].map((round) => measuringOrder(round, workload));
      for (const order of rounds) expect([...order].sort()).toEqual([...FRAMEWORKS].sort());
      expect(new Set(rounds.map((order) => order[0])).size).toBe(FRAMEWORKS.length);
      const pairs = rounds.flatMap((order) => order.slice(1).map((framework, index) => `${order[index]}>${framework}`));
      expect(new Set(pairs).size).toBe(FRAMEWORKS.length * (FRAMEWORKS.length - 1));
    }
  });

  it('drives the same app on Krepis, Fastify, node:http and Express with every workload answered alike and without errors', async () => {
    // One short round: this checks the command and the four apps, not the figures (those are `npm run bench -- kernel-http`).
    const run = await krepis(['--json', 'benchmark', '--duration', '1', '--rounds', '1', '--warmup', '0', '--connections', '4']);
    expect([0, 1]).toContain(run.code);
    const report = run.json<BenchmarkReport>();
    expect(report.workloads.map((workload) => workload.workload)).toEqual(['hello', 'json-echo', 'route-param']);
    for (const workload of report.workloads) {
      expect(Object.keys(workload.results).sort()).toEqual(['express', 'fastify', 'krepis', 'node']);
      for (const measured of Object.values(workload.results)) {
        expect(measured.errors).toBe(0);
        expect(measured.non2xx).toBe(0);
        expect(measured.rps).toBeGreaterThan(0);
        expect(measured.cpuUsPerRequest).toBeGreaterThan(0);
      }
      expect(workload.ratios.vsNode).toBeCloseTo(workload.results.krepis.rps / workload.results.node.rps, 1);
    }
    expect(run.code).toBe(report.pass ? 0 : 1);
  }, 90_000);
});
