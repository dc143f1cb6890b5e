/**
 * `npm run bench -- kernel-http [--duration=2] [--rounds=5] [--connections=50]`: the same app on Krepis,
 * Fastify 5, bare node:http and Express 5, three workloads, autocannon; Krepis's ratios.
 */
import { runBenchmark } from '../src/httpbench/index.js';
import type { Benchmark } from './types.js';

const flag = (args: readonly string[], name: string, fallback: number) => Number(args.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);

const bench: Benchmark = async ({ args, log }) => {
  const report = await runBenchmark({ durationSec: flag(args, 'duration', 2), rounds: flag(args, 'rounds', 5), connections: flag(args, 'connections', 50), onProgress: log });
  const summary = report.workloads
    .map((w) => `${w.workload}: krepis ${Math.round(w.results.krepis.rps)} req/s = ${w.ratios.vsFastify}× fastify, ${w.ratios.vsNode}× node:http, ${w.ratios.vsExpress}× express; p99 ${w.results.krepis.p99Ms} vs fastify ${w.results.fastify.p99Ms} ms ${w.pass ? 'PASS' : 'FAIL'}; per CPU ${w.cpuRatios.vsFastify}× fastify, ${w.cpuRatios.vsNode}× node:http`)
    .join('\n');
  return { summary, figures: { workloads: report.workloads }, pass: report.pass, machine: report.machine };
};

export default bench;
