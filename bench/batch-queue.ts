/**
 * `npm run bench -- batch-queue`: 10,000 queued items through the batch scheduler with the replay
 * runtime and trivial verification (one scripted answer per item, parsed and checked). Measures
 * scheduling throughput (items/s) and the orchestrator's extra RSS, against the floor: the same
 * executor over the same items in a bare in-memory promise pool (no queue, no persistence).
 * Targets: ≥ 500 items/s, ≤ 200 MB RSS.
 */
import { createJob, executeJob, parseJobSpec, type ItemExecutor } from '../src/agent/batch/index.js';
import { createReplayRuntime, type ModelRuntime } from '../src/model/index.js';
import { benchProject } from './batch/fixtures.js';
import type { Benchmark } from './types.js';

const ITEMS = Number(process.env.KREPIS_BENCH_ITEMS ?? 10_000);
const CONCURRENCY = 8;

function trivialExecutor(runtime: ModelRuntime): ItemExecutor {
  return async (item, context) => {
    const result = await runtime.generate({ messages: [{ role: 'user', content: `document ${item.target.file}` }], signal: context.signal });
    const ok = (JSON.parse(result.text) as { edits: unknown[] }).edits.length > 0;
    return { status: ok ? 'verified' : 'failed', attempts: 1, stages: [{ name: 'syntax', ok, issues: ok ? 0 : 1 }], tokens: { prompt: result.tokens.prompt, completion: result.tokens.completion }, timeMs: 0 };
  };
}

const scripted = (): ModelRuntime => createReplayRuntime({ responses: Array.from({ length: ITEMS }, () => '{"summary":"doc","edits":[{"kind":"file","file":"x.ts","code":"x"}]}'), parallelism: CONCURRENCY });

async function floor(files: readonly string[], root: string): Promise<number> {
  const executor = trivialExecutor(scripted());
  const started = performance.now();
  let next = 0;
  const signal = new AbortController().signal;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const file = files[next]!;
      next += 1;
      await executor({ id: String(next), target: { kind: 'file', file }, state: 'pending', runs: 0, attempts: 0, stages: [], tokens: { prompt: 0, completion: 0 }, timeMs: 0 }, { signal, root });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return performance.now() - started;
}

const bench: Benchmark = async ({ log }) => {
  const project = await benchProject(ITEMS);
  try {
    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
    const spec = parseJobSpec({ instruction: 'document', targets: { files: 'src/*.ts' }, concurrency: CONCURRENCY });
    let started = performance.now();
    const store = await createJob({ root: project.root, storeDir: project.storeDir, spec });
    const queueMs = performance.now() - started;
    log(`queued ${ITEMS} items in ${Math.round(queueMs)} ms`);
    started = performance.now();
    const done = await executeJob(store, { storeDir: project.storeDir, executor: trivialExecutor(scripted()), onProgress: () => undefined });
    const runMs = performance.now() - started;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    await store.close();
    const throughput = Math.round((ITEMS / runMs) * 1000);
    const rssMb = Math.round(((peak - baseline) / 1024 / 1024) * 10) / 10;
    log(`ran ${ITEMS} items in ${Math.round(runMs)} ms = ${throughput} items/s; verified ${done.summary.counts.verified}; extra RSS ${rssMb} MB (peak ${Math.round(peak / 1024 / 1024)} MB)`);
    const floorMs = await floor(project.files, project.root);
    const floorThroughput = Math.round((ITEMS / floorMs) * 1000);
    log(`floor (bare promise pool, no queue): ${floorThroughput} items/s`);
    const pass = throughput >= 500 && rssMb <= 200 && done.summary.counts.verified === ITEMS;
    return {
      summary: `batch queue, ${ITEMS} items: ${throughput} items/s (floor ${floorThroughput} items/s, ${Math.round((throughput / floorThroughput) * 1000) / 10}% of it), +${rssMb} MB RSS; targets ≥ 500 items/s, ≤ 200 MB → ${pass ? 'pass' : 'FAIL'}`,
      figures: { items: ITEMS, concurrency: CONCURRENCY, queueMs: Math.round(queueMs), runMs: Math.round(runMs), throughput, floorThroughput, extraRssMb: rssMb, peakRssMb: Math.round(peak / 1024 / 1024), counts: done.summary.counts },
      pass,
    };
  } finally {
    await project.dispose();
  }
};

export default bench;
