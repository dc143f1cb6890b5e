/**
 * `npm run bench -- batch-sequences`: aggregate generated tokens/s of the llama adapter with 8
 * parallel context sequences on ONE loaded model (batched decoding, what a batch job's swarm uses)
 * vs 1 sequence, same requests, on the project's tiny GGUF (CPU here; a real model on a GPU with
 * KREPIS_BENCH_MODEL=<gguf> KREPIS_GPU=auto). Target on a GPU: ≥ 3×.
 */
import { availableParallelism, cpus, loadavg } from 'node:os';
import { defaultConfig } from '../src/config/index.js';
import { createModelRuntime, type ModelRuntime } from '../src/model/index.js';
import { ensureTinyGguf } from '../models/tinyGguf.js';
import type { Benchmark } from './types.js';
import { median } from './lib/stats.js';

const REQUESTS = 32;
const MAX_TOKENS = 96;

async function aggregate(runtime: ModelRuntime): Promise<{ tokens: number; ms: number; tokensPerSecond: number }> {
  const started = performance.now();
  const results = await Promise.all(
    Array.from({ length: REQUESTS }, (_, index) =>
      runtime.generate({ messages: [{ role: 'system', content: 'You write code.' }, { role: 'user', content: `task ${index}: write item ${index * 7}` }], maxTokens: MAX_TOKENS, temperature: 0.8, seed: index }),
    ),
  );
  const ms = performance.now() - started;
  const tokens = results.reduce((sum, result) => sum + result.tokens.completion, 0);
  return { tokens, ms: Math.round(ms), tokensPerSecond: Math.round((tokens / ms) * 1000 * 10) / 10 };
}

const ROUNDS = 5;

async function open(modelPath: string, sequences: number, gpu: false | 'auto'): Promise<ModelRuntime> {
  const config = { model: { ...defaultConfig.model, path: modelPath, gpu, contextSize: 512 * sequences, maxTokens: MAX_TOKENS } };
  const runtime = await createModelRuntime(config, { sequences });
  await aggregate(runtime); // warm-up: first evaluation, allocations
  return runtime;
}

const bench: Benchmark = async ({ log }) => {
  const modelPath = process.env.KREPIS_BENCH_MODEL ?? (await ensureTinyGguf());
  const gpu = process.env.KREPIS_GPU === 'auto' ? 'auto' : false;
  log(`model ${modelPath} (gpu: ${gpu}), ${REQUESTS} requests × ≤${MAX_TOKENS} tokens, ${ROUNDS} interleaved rounds`);
  const one = await open(modelPath, 1, gpu);
  const eight = await open(modelPath, 8, gpu);
  const rounds: { one: number; eight: number }[] = [];
  try {
    for (let round = 0; round < ROUNDS; round += 1) {
      const a = await aggregate(one);
      const b = await aggregate(eight);
      rounds.push({ one: a.tokensPerSecond, eight: b.tokensPerSecond });
      log(`round ${round + 1}: 1 sequence ${a.tokensPerSecond} tok/s (${a.tokens} tokens), 8 sequences ${b.tokensPerSecond} tok/s (${b.tokens} tokens)`);
    }
  } finally {
    await Promise.all([one.dispose(), eight.dispose()]);
  }
  const oneMedian = median(rounds.map((r) => r.one));
  const eightMedian = median(rounds.map((r) => r.eight));
  const ratio = Math.round((eightMedian / oneMedian) * 100) / 100;
  return {
    summary: `llama adapter, ${modelPath.split('/').pop()}: 8 sequences ${eightMedian} tok/s vs 1 sequence ${oneMedian} tok/s (medians of ${ROUNDS}) = ${ratio}× (GPU target ≥ 3×)`,
    figures: { rounds, oneMedian, eightMedian, ratio, requests: REQUESTS, maxTokens: MAX_TOKENS, gpu },
    ...(gpu === 'auto' ? { pass: ratio >= 3 } : {}),
    machine: { cores: availableParallelism(), cpu: cpus()[0]?.model, loadAverage: loadavg() },
  };
};

export default bench;
