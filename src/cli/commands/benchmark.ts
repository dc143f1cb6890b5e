import { runBenchmark, type BenchmarkReport } from '../../httpbench/index.js';
import { parseIntFlag, type CommandModule } from '../command.js';

function render(report: BenchmarkReport): string[] {
  const lines = [`workload      framework  req/s     p99 ms  CPU µs/req`];
  for (const workload of report.workloads) {
    for (const [framework, m] of Object.entries(workload.results)) lines.push(`${workload.workload.padEnd(13)} ${framework.padEnd(10)} ${String(Math.round(m.rps)).padEnd(9)} ${String(m.p99Ms).padEnd(7)} ${m.cpuUsPerRequest.toFixed(1)}`);
    lines.push(`  → krepis ${workload.ratios.vsFastify}× fastify, ${workload.ratios.vsNode}× node:http, ${workload.ratios.vsExpress}× express: ${workload.pass ? 'PASS' : 'FAIL'}`);
    lines.push(`    per CPU: ${workload.cpuRatios.vsFastify}× fastify, ${workload.cpuRatios.vsNode}× node:http, ${workload.cpuRatios.vsExpress}× express`);
  }
  const m = report.machine;
  lines.push(`${m.cpus} CPUs (load ${m.loadAverage.join(' ')}), Node ${m.node}, ${m.connections} connections, median of ${m.rounds} × ${m.durationSec} s; autocannon shares the machine with the servers.`);
  return lines;
}

/** `krepis benchmark`: the same app on Krepis, Fastify, Express and bare node:http, measured with autocannon. */
export const benchmarkCommand: CommandModule = {
  register(program, run) {
    program
      .command('benchmark')
      .description('hello-world, JSON echo and route-parameter workloads on Krepis vs Fastify, Express and node:http (autocannon)')
      .option('--duration <seconds>', 'seconds measured per framework, workload and round', parseIntFlag(1), 2)
      .option('--rounds <n>', 'interleaved rounds; figures are medians, ratios medians of per-round ratios', parseIntFlag(1), 5)
      .option('--warmup <seconds>', 'unmeasured seconds per framework and workload before the first round', parseIntFlag(0), 1)
      .option('--connections <n>', 'concurrent connections', parseIntFlag(1), 50)
      .action(
        run(async (ctx, options: { duration: number; rounds: number; warmup: number; connections: number }) => {
          const report = await runBenchmark({
            durationSec: options.duration,
            rounds: options.rounds,
            warmupSec: options.warmup,
            connections: options.connections,
            signal: ctx.signal,
            onProgress: (line) => ctx.out.interactive && ctx.out.note(line),
          });
          ctx.out.result(report, () => render(report));
          return report.pass ? 0 : 1;
        }),
      );
  },
};
