import type { RunResult } from '../engine/Run.js';
import type { WorkloadStats } from '../types.js';

function percentiles(values: number[]): WorkloadStats['latencyMs'] {
  const sorted = values.slice().sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1] ?? 0 };
}

/** Latency (arrival → finish) and queueing (time waiting on locks, joins, deferreds) of the workload's requests. */
export function workloadStats(run: RunResult): WorkloadStats {
  const requests = run.tasks.filter((task) => task.kind === 'actor');
  const finished = requests.filter((task) => task.finishedAt !== undefined);
  return {
    requests: requests.length,
    completed: finished.length,
    latencyMs: percentiles(finished.map((task) => (task.finishedAt ?? 0) - task.arrivedAt)),
    queueMs: percentiles(finished.map((task) => task.queuedMs)),
    virtualMs: run.virtualMs,
  };
}
