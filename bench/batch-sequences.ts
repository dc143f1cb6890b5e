/**
 * `npm run bench -- batch-sequences`: aggregate generated tokens/s of the llama adapter with 8
 * parallel context sequences on ONE loaded model (batched decoding, what a batch job's swarm uses)
 * vs 1 sequence, same requests, on the project's tiny GGUF (CPU here; a real model on a GPU with
 * KREPIS_BENCH_MODEL=<gguf> KREPIS_GPU=auto). Target on a GPU: ≥ 3×.
 */
import { availableParallelism, cpus } from 'node:os';
import { defaultConfig } from '../src/config/index.js';
import { createModelRuntime, type ModelRuntime } from '../src/model/index.js';
import { ensureTinyGguf } from '../models/tinyGguf.js';
import type { Benchmark } from './types.js';

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

async function measure(modelPath: string, sequences: number, gpu: false | 'auto') {
  const config = { model: { ...defaultConfig.model, path: modelPath, gpu, contextSize: 512 * sequences, maxTokens: MAX_TOKENS } };
  const runtime = await createModelRuntime(config, { sequences });
  try {
    await aggregate(runtime); // warm-up: first evaluation, allocations
    return { ...(await aggregate(runtime)), parallelism: runtime.info.parallelism };
  } finally {
    await runtime.dispose();
  }
}

const bench: Benchmark = async ({ log }) => {
  const modelPath = process.env.KREPIS_BENCH_MODEL ?? (await ensureTinyGguf());
  const gpu = process.env.KREPIS_GPU === 'auto' ? 'auto' : false;
  log(`model ${modelPath} (gpu: ${gpu}), ${REQUESTS} requests × ≤${MAX_TOKENS} tokens`);
  const one = await measure(modelPath, 1, gpu);
  log(`1 sequence:  ${one.tokens} tokens in ${one.ms} ms = ${one.tokensPerSecond} tok/s`);
  const eight = await measure(modelPath, 8, gpu);
  log(`8 sequences: ${eight.tokens} tokens in ${eight.ms} ms = ${eight.tokensPerSecond} tok/s`);
  const ratio = Math.round((eight.tokensPerSecond / one.tokensPerSecond) * 100) / 100;
  return {
    summary: `llama adapter, ${modelPath.endsWith('.gguf') ? modelPath.split('/').pop() : modelPath}: 8 sequences ${eight.tokensPerSecond} tok/s vs 1 sequence ${one.tokensPerSecond} tok/s = ${ratio}× (GPU target ≥ 3×)`,
    figures: { one, eight, ratio, requests: REQUESTS, maxTokens: MAX_TOKENS, gpu },
    ...(gpu === 'auto' ? { pass: ratio >= 3 } : {}),
    machine: { cores: availableParallelism(), cpu: cpus()[0]?.model },
  };
};

export default bench;
