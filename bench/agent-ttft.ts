/**
 * `npm run bench -- agent-ttft`: time to first token of the agent's attempt 2 vs attempt 1 on the
 * real llama adapter (the tiny GGUF the project builds; on CPU here). Attempt 2 resends the same
 * system prefix and task, plus the answer and the feedback, so the runtime reuses the evaluated
 * prefix. Beside it, the floor without reuse: the same attempt-2 request on a fresh runtime.
 * Target: attempt 2's time to first token ≤ 25% of attempt 1's.
 */
import { loadavg } from 'node:os';
import { ensureTinyGguf } from '../models/tinyGguf.js';
import { editAnswerJsonSchema } from '../src/agent/index.js';
import { buildFeedback, buildSystemPrompt, buildTaskMessage } from '../src/agent/prompt/assemblePrompt.js';
import { tempProject } from '../src/agent/testing/tempProject.js';
import { createLlamaRuntime } from '../src/model/llama/createLlamaRuntime.js';
import type { ChatMessage, GenerateRequest, ModelRuntime } from '../src/model/ModelRuntime.js';
import type { Benchmark } from './types.js';
import { median } from './lib/stats.js';

const REPS = 5;
const MATH = 'export function add(a: number, b: number): number {\n  return a + b;\n}\n';
const round = (value: number): number => Math.round(value * 10) / 10;

const request = (messages: ChatMessage[], seed: number): GenerateRequest => ({ messages, grammar: { kind: 'json-schema', schema: editAnswerJsonSchema }, maxTokens: 8, seed, temperature: 0.2 });

const bench: Benchmark = async ({ log }) => {
  const modelPath = await ensureTinyGguf();
  const open = (): Promise<ModelRuntime> => createLlamaRuntime({ modelPath, gpu: false, contextSize: 16384, temperature: 0.2, seed: 42, maxTokens: 8 });
  using project = tempProject({ 'src/math.ts': MATH });
  const system = buildSystemPrompt(project.root);
  const first: number[] = [];
  const second: number[] = [];
  const fresh: number[] = [];
  let promptTokens = 0;
  let reused = 0;
  for (let rep = 0; rep < REPS; rep++) {
    const context = { source: 'focus-files' as const, items: [{ symbol: 'src/math.ts', file: 'src/math.ts', mode: 'implementer' as const, text: MATH, tokens: 20 }], omitted: [], tokens: 20 };
    const task = buildTaskMessage(`add a sub function (${rep})`, { files: ['src/math.ts'], symbols: [] }, [], context);
    const attempt1: ChatMessage[] = [{ role: 'system', content: system }, { role: 'user', content: task }];
    const runtime = await open();
    const a1 = await runtime.generate(request(attempt1, 42));
    const feedback = buildFeedback(1, 'types', [{ file: 'src/math.ts', line: 2, message: "TS2322: Type 'string' is not assignable to type 'number'." }], () => MATH);
    const attempt2: ChatMessage[] = [...attempt1, { role: 'assistant', content: a1.text }, { role: 'user', content: feedback }];
    const a2 = await runtime.generate(request(attempt2, 43));
    await runtime.dispose();
    const cold = await open();
    const f2 = await cold.generate(request(attempt2, 43));
    await cold.dispose();
    first.push(a1.timings.firstTokenMs);
    second.push(a2.timings.firstTokenMs);
    fresh.push(f2.timings.firstTokenMs);
    promptTokens = a2.tokens.prompt;
    reused = a2.tokens.reusedPrompt;
    log(`rep ${rep + 1}: attempt 1 ${round(a1.timings.firstTokenMs)} ms (${a1.tokens.prompt} prompt tokens), attempt 2 ${round(a2.timings.firstTokenMs)} ms (reused ${a2.tokens.reusedPrompt}/${a2.tokens.prompt}), attempt 2 without reuse ${round(f2.timings.firstTokenMs)} ms`);
  }
  const ratio = median(second) / median(first);
  return {
    summary: `attempt 2 time to first token ${round(median(second))} ms vs attempt 1 ${round(median(first))} ms → ${(ratio * 100).toFixed(1)}% (target ≤ 25%: ${ratio <= 0.25 ? 'met' : 'NOT met'}); without prefix reuse attempt 2 takes ${round(median(fresh))} ms (${reused}/${promptTokens} prompt tokens reused); tiny GGUF on CPU`,
    figures: { reps: REPS, attempt1FirstTokenMs: first.map(round), attempt2FirstTokenMs: second.map(round), attempt2WithoutReuseMs: fresh.map(round), ratio: Number(ratio.toFixed(3)), promptTokens, reusedPromptTokens: reused },
    pass: ratio <= 0.25,
    machine: { device: 'cpu (tiny GGUF)', loadAverage1m: loadavg()[0] },
  };
};

export default bench;
