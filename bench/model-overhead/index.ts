/**
 * `npm run bench -- model-overhead`: tokens/s through our llama adapter vs node-llama-cpp called
 * directly (same tiny GGUF, prompt, greedy sampling, fixed token count; median of reps; goal
 * ratio ≥ 0.97), time to first token with and without prefix reuse on a repeated long prompt, and
 * decode speed by thread count (why tiny models run on one thread).
 */
import { availableParallelism, cpus } from 'node:os';
import { ensureTinyGguf } from '../../models/tinyGguf.js';
import { createLlamaRuntime } from '../../src/model/llama/createLlamaRuntime.js';
import { loadLlama } from '../../src/model/llama/loadLlama.js';
import type { Benchmark } from '../types.js';
import { createDirect } from './direct.js';
import { median } from '../lib/stats.js';

const REPS = 11;
const MAX_TOKENS = 128;
const THREAD_PROBE_TOKENS = 32;
const CONTEXT = 4096;
const SYSTEM = 'You are Krepis, a careful TypeScript assistant.';
const LONG_SYSTEM = `${SYSTEM} ${'Keep every edit minimal, typed, tested and explained in JSON. '.repeat(40)}`;

const round = (value: number, digits = 1): number => Number(value.toFixed(digits));

const bench: Benchmark = async ({ log }) => {
  const modelPath = await ensureTinyGguf();
  const llama = await loadLlama(false);
  const ours = await createLlamaRuntime({ modelPath, gpu: false, contextSize: CONTEXT, threads: 1, temperature: 0, seed: 1, maxTokens: MAX_TOKENS });
  const direct = await createDirect(llama, modelPath, CONTEXT, 1);

  // Fixed token count: use prompts whose greedy answer runs to the limit (the tiny model often stops early).
  const prompts: string[] = [];
  for (let candidate = 0; prompts.length < REPS && candidate < 500; candidate++) {
    const user = `Write function number ${candidate}.`;
    if ((await direct.generate(SYSTEM, user, MAX_TOKENS)).completionTokens === MAX_TOKENS) prompts.push(user);
  }
  log(`${prompts.length} prompts run to ${MAX_TOKENS} tokens`);

  const oursRate: number[] = [];
  const directRate: number[] = [];
  for (const [rep, user] of prompts.entries()) {
    const runOurs = async () => {
      const a = await ours.generate({ messages: [{ role: 'system', content: SYSTEM }, { role: 'user', content: user }], maxTokens: MAX_TOKENS, temperature: 0 });
      oursRate.push((a.tokens.completion / a.timings.totalMs) * 1000);
      return a.tokens.completion;
    };
    const runDirect = async () => {
      const b = await direct.generate(SYSTEM, user, MAX_TOKENS);
      directRate.push((b.completionTokens / b.ms) * 1000);
      return b.completionTokens;
    };
    // Alternate who goes first, so drift on a shared machine hits both sides alike.
    const counts = rep % 2 === 0 ? [await runOurs(), await runDirect()] : [await runDirect(), await runOurs()].reverse();
    const a = { tokens: { completion: counts[0]! } };
    const b = { completionTokens: counts[1]! };
    log(`rep ${rep + 1}/${prompts.length}: ours ${round(oursRate.at(-1)!)} tok/s (${a.tokens.completion} tokens), direct ${round(directRate.at(-1)!)} tok/s (${b.completionTokens} tokens)`);
  }

  const cold: number[] = [];
  const warm: number[] = [];
  let promptTokens = 0;
  for (let rep = 0; rep < REPS; rep++) {
    const system = `Session ${rep}. ${LONG_SYSTEM}`;
    const first = await ours.generate({ messages: [{ role: 'system', content: system }, { role: 'user', content: 'first question' }], maxTokens: 1 });
    const second = await ours.generate({ messages: [{ role: 'system', content: system }, { role: 'user', content: 'second question' }], maxTokens: 1 });
    cold.push(first.timings.firstTokenMs);
    warm.push(second.timings.firstTokenMs);
    promptTokens = second.tokens.prompt;
    log(`ttft rep ${rep + 1}: cold ${round(first.timings.firstTokenMs)} ms (reused ${first.tokens.reusedPrompt}), warm ${round(second.timings.firstTokenMs)} ms (reused ${second.tokens.reusedPrompt}/${second.tokens.prompt})`);
  }
  await ours.dispose();
  await direct.dispose();

  const threadRates: Record<string, number> = {};
  for (const threads of [...new Set([1, Math.max(2, availableParallelism())])]) {
    const runner = await createDirect(llama, modelPath, CONTEXT, threads);
    const rates: number[] = [];
    for (let rep = 0; rep < 3; rep++) {
      const run = await runner.generate(SYSTEM, prompts[rep] ?? `thread probe ${rep}`, THREAD_PROBE_TOKENS);
      rates.push((run.completionTokens / run.ms) * 1000);
    }
    await runner.dispose();
    threadRates[`threads${threads}`] = round(median(rates));
  }

  const oursMedian = median(oursRate);
  const directMedian = median(directRate);
  const ratio = oursMedian / directMedian;
  const ttftCold = median(cold);
  const ttftWarm = median(warm);
  return {
    summary: `model-overhead: ours ${round(oursMedian)} tok/s vs node-llama-cpp direct ${round(directMedian)} tok/s → ratio ${ratio.toFixed(3)} (goal ≥ 0.97); TTFT on a ${promptTokens}-token prompt: ${round(ttftCold)} ms cold vs ${round(ttftWarm)} ms with prefix reuse (${(ttftCold / ttftWarm).toFixed(1)}× faster); decode tok/s by threads ${JSON.stringify(threadRates)}`,
    figures: { reps: prompts.length, maxTokens: MAX_TOKENS, oursTokensPerSecond: round(oursMedian), directTokensPerSecond: round(directMedian), ratio: round(ratio, 3), promptTokens, ttftColdMs: round(ttftCold), ttftWarmMs: round(ttftWarm), ttftSpeedup: round(ttftCold / ttftWarm), threadRates },
    pass: ratio >= 0.97,
    machine: { cpus: cpus().length, availableParallelism: availableParallelism(), cpu: cpus()[0]?.model, backend: 'cpu' },
  };
};

export default bench;
