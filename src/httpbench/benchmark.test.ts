import { describe, expect, it } from 'vitest';
import { krepis } from '../../test/cliHarness.js';
import type { BenchmarkReport } from './runBenchmark.js';

describe('krepis benchmark', () => {
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
