import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { Scenario } from '@krepis/kernel';
import { exploreScenario } from '../explore/exploreScenario.js';
import { loadScenarioFile } from '../load/loadScenarioFile.js';
import type { WorkerJob, WorkerReply } from './protocol.js';

async function runJob(job: WorkerJob): Promise<WorkerReply> {
  try {
    const loaded = loadScenarioFile(job.file);
    const fresh = () => loaded.instantiate()[job.index] as Scenario;
    const scenario = fresh();
    const states = new Set<number>();
    const report = await exploreScenario(scenario, {
      strategy: job.strategy,
      budget: job.budget,
      seed: job.seed,
      preemptionBound: job.preemptionBound,
      depth: job.depth,
      chaos: job.chaos ?? scenario.chaos !== undefined,
      stopOnFirst: job.stopOnFirst,
      file: path.relative(job.root, job.file),
      fresh,
      partition: job.partition,
      states,
    });
    return { ok: true, report, states: Float64Array.from(states) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error), code: (error as { code?: string }).code };
  }
}

const reply = await runJob(workerData as WorkerJob);
parentPort?.postMessage(reply, reply.ok ? [reply.states.buffer as ArrayBuffer] : []);
