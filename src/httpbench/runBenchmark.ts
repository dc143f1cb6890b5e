import autocannon from 'autocannon';
import { cpus, loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { httpbenchError } from './errors.js';
import { startServer, type BenchServer } from './startServer.js';
import { FRAMEWORKS, WORKLOADS, type Framework, type Workload } from './workloads.js';

const SETTLE_MS = 300;

/** Options for {@link runBenchmark}. */
export interface BenchmarkOptions {
  /** Seconds measured per framework, workload and round. Default 2. */
  readonly durationSec?: number;
  /**
   * Interleaved rounds. Each figure is the median over rounds, and each ratio the median of the
   * per-round ratios (a round measures every framework back to back, so background load that
   * drifts between rounds cancels out). Default 5.
   */
  readonly rounds?: number;
  /** Seconds of unmeasured warm-up before each measurement. Default 1. */
  readonly warmupSec?: number;
  /** Concurrent connections. Default 50. */
  readonly connections?: number;
  readonly signal?: AbortSignal;
  /** Progress lines. */
  readonly onProgress?: (line: string) => void;
}

/** One framework's figures on one workload. */
export interface Measurement {
  readonly rps: number;
  /** Server CPU time per request (µs): what a request costs, independent of machine load. */
  readonly cpuUsPerRequest: number;
  readonly p99Ms: number;
  readonly p50Ms: number;
  readonly errors: number;
  readonly non2xx: number;
}

/** One workload's figures for every framework, Krepis's ratios and whether the targets hold. */
export interface WorkloadResult {
  readonly workload: Workload['name'];
  readonly results: Record<Framework, Measurement>;
  readonly ratios: { readonly vsFastify: number; readonly vsNode: number; readonly vsExpress: number };
  /** The same ratios from server CPU per request (capacity per core): steadier on a shared machine. */
  readonly cpuRatios: { readonly vsFastify: number; readonly vsNode: number; readonly vsExpress: number };
  /** ≥ 1.0× Fastify, ≥ 0.9× node:http, p99 no worse than Fastify's. */
  readonly pass: boolean;
}

/** The whole run. */
export interface BenchmarkReport {
  readonly workloads: WorkloadResult[];
  readonly pass: boolean;
  readonly machine: { readonly cpus: number; readonly node: string; readonly connections: number; readonly durationSec: number; readonly rounds: number; readonly loadAverage: number[] };
}

/**
 * Starts the same app on Krepis, Fastify, bare node:http and Express (each in its own process)
 * and drives every workload against each with autocannon, interleaved so background load hits
 * all of them alike.
 */
export async function runBenchmark(options: BenchmarkOptions = {}): Promise<BenchmarkReport> {
  const durationSec = options.durationSec ?? 2;
  const connections = options.connections ?? 50;
  const rounds = options.rounds ?? 5;
  const warmupSec = options.warmupSec ?? 1;
  const servers = new Map<Framework, BenchServer>();
  try {
    for (const framework of FRAMEWORKS) {
      const server = await startServer(framework, options.signal);
      servers.set(framework, server);
      for (const workload of WORKLOADS) await checkAnswer(framework, server, workload);
    }
    const samples = new Map<string, Measurement[]>();
    for (let round = 1; round <= rounds; round++) {
      for (const [workloadIndex, workload] of WORKLOADS.entries()) {
        for (const framework of measuringOrder(round, workloadIndex)) {
          options.signal?.throwIfAborted();
          // A pause, so the previous measurement's connections close and its processes go quiet.
          await sleep(SETTLE_MS, undefined, { signal: options.signal }).catch(() => undefined);
          const server = servers.get(framework)!;
          if (round === 1 && warmupSec > 0) await measure(server, workload, connections, warmupSec);
          const measured = await measure(server, workload, connections, durationSec);
          samples.set(`${workload.name}/${framework}`, [...(samples.get(`${workload.name}/${framework}`) ?? []), measured]);
          options.onProgress?.(`round ${round}/${rounds} ${workload.name.padEnd(12)} ${framework.padEnd(8)} ${Math.round(measured.rps)} req/s  p99 ${measured.p99Ms} ms`);
        }
      }
    }
    const workloads = WORKLOADS.map((workload) => {
      const runs = Object.fromEntries(FRAMEWORKS.map((framework) => [framework, samples.get(`${workload.name}/${framework}`)!])) as Record<Framework, Measurement[]>;
      return judge(workload, runs);
    });
    return { workloads, pass: workloads.every((result) => result.pass), machine: { cpus: cpus().length, node: process.version, connections, durationSec, rounds, loadAverage: loadavg().map((load) => Math.round(load * 100) / 100) } };
  } finally {
    await Promise.all([...servers.values()].map((server) => server.stop()));
  }
}

function mid(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const half = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[half]! : (sorted[half - 1]! + sorted[half]!) / 2;
}

/** Per-field median over rounds; errors are summed. */
function median(runs: readonly Measurement[]): Measurement {
  const sum = (pick: (run: Measurement) => number) => runs.reduce((total, run) => total + pick(run), 0);
  return { rps: mid(runs.map((run) => run.rps)), cpuUsPerRequest: Math.round(mid(runs.map((run) => run.cpuUsPerRequest)) * 100) / 100, p99Ms: mid(runs.map((run) => run.p99Ms)), p50Ms: mid(runs.map((run) => run.p50Ms)), errors: sum((run) => run.errors), non2xx: sum((run) => run.non2xx) };
}

function judge(workload: Workload, runs: Record<Framework, readonly Measurement[]>): WorkloadResult {
  const results = Object.fromEntries(FRAMEWORKS.map((framework) => [framework, median(runs[framework])])) as Record<Framework, Measurement>;
  const ours = results.krepis;
  // Median of per-round ratios, rounded to 2 decimals.
  const paired = (peer: Framework, pick: (ours: Measurement, theirs: Measurement) => number) => Math.round(mid(runs.krepis.map((run, round) => pick(run, runs[peer][round]!))) * 100) / 100;
  const ratio = (peer: Framework) => paired(peer, (a, b) => a.rps / Math.max(1, b.rps));
  const ratios = { vsFastify: ratio('fastify'), vsNode: ratio('node'), vsExpress: ratio('express') };
  const cpuRatio = (peer: Framework) => paired(peer, (a, b) => b.cpuUsPerRequest / Math.max(0.001, a.cpuUsPerRequest));
  const cpuRatios = { vsFastify: cpuRatio('fastify'), vsNode: cpuRatio('node'), vsExpress: cpuRatio('express') };
  const clean = ours.errors === 0 && ours.non2xx === 0;
  const pass = clean && ratios.vsFastify >= 1 && ratios.vsNode >= 0.9 && ours.p99Ms <= results.fastify.p99Ms;
  return { workload: workload.name, results, ratios, cpuRatios, pass };
}

/**
 * Who is measured when in a round: the rows of a balanced Latin square (Williams design), so over
 * four rounds every framework goes first once and follows each other framework exactly once. A
 * plain rotation put Krepis right after Express, the heaviest, in four rounds of five.
 */
const ORDERS: readonly (readonly Framework[])[] = [
  ['krepis', 'fastify', 'express', 'node'],
  ['fastify', 'node', 'krepis', 'express'],
  ['node', 'express', 'fastify', 'krepis'],
  ['express', 'krepis', 'node', 'fastify'],
];

export function measuringOrder(round: number, workloadIndex: number): readonly Framework[] {
  return ORDERS[(round - 1 + workloadIndex) % ORDERS.length]!;
}

/** Refuses to measure a server that does not give the workload's expected answer: the apps must be the same app. */
async function checkAnswer(framework: Framework, server: BenchServer, workload: Workload): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${server.port}${workload.path}`, { method: workload.method, body: workload.body, headers: workload.body ? { 'content-type': 'application/json' } : {} });
  const text = await response.text();
  if (response.status !== 200 || text !== JSON.stringify(workload.expected)) {
    throw httpbenchError('KREPIS_HTTPBENCH_ANSWER', `the ${framework} server answered ${workload.method} ${workload.path} with ${response.status} ${text.slice(0, 200)}, expected 200 ${JSON.stringify(workload.expected)}`, 'the benchmark apps must answer every workload alike: fix src/httpbench/servers');
  }
}

async function measure(server: BenchServer, workload: Workload, connections: number, durationSec: number): Promise<Measurement> {
  const cpuBefore = await server.cpuMicros();
  const result = await autocannon({
    url: `http://127.0.0.1:${server.port}${workload.path}`,
    method: workload.method,
    body: workload.body,
    headers: workload.body ? { 'content-type': 'application/json' } : {},
    connections,
    duration: durationSec,
  });
  const cpuUsPerRequest = Math.round(((await server.cpuMicros()) - cpuBefore) / Math.max(1, result.requests.total) * 100) / 100;
  return { rps: result.requests.average, cpuUsPerRequest, p99Ms: result.latency.p99, p50Ms: result.latency.p50, errors: result.errors + result.timeouts, non2xx: result.non2xx };
}
