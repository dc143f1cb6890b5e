/**
 * `npm run bench -- agent-wellformed`: how many of the agent's grammar-constrained answers are
 * well-formed edits, on the real llama adapter (tiny GGUF, gibberish by design: it can only test
 * the form, never the content). Beside it, the same requests without the grammar: the floor.
 * An answer cut by the token limit is counted apart: the grammar cannot finish what was cut.
 */
import { loadavg } from 'node:os';
import { ensureTinyGguf } from '../models/tinyGguf.js';
import { editAnswerJsonSchema, parseEditAnswer } from '../src/agent/index.js';
import { buildSystemPrompt, buildTaskMessage } from '../src/agent/prompt/assemblePrompt.js';
import { tempProject } from '../src/agent/testing/tempProject.js';
import { createLlamaRuntime } from '../src/model/llama/createLlamaRuntime.js';
import type { ChatMessage } from '../src/model/ModelRuntime.js';
import type { Benchmark } from './types.js';

const ANSWERS = 20;
const MAX_TOKENS = 400;
const MATH = 'export function add(a: number, b: number): number {\n  return a + b;\n}\n';

interface Tally {
  finished: number;
  wellFormed: number;
  cut: number;
}

const bench: Benchmark = async ({ log }) => {
  const runtime = await createLlamaRuntime({ modelPath: await ensureTinyGguf(), gpu: false, contextSize: 16384, temperature: 0.8, seed: 1, maxTokens: MAX_TOKENS });
  using project = tempProject({ 'src/math.ts': MATH });
  const context = { source: 'focus-files' as const, items: [{ symbol: 'src/math.ts', file: 'src/math.ts', mode: 'implementer' as const, text: MATH, tokens: 20 }], omitted: [], tokens: 20 };
  const messages: ChatMessage[] = [{ role: 'system', content: buildSystemPrompt(project.root) }, { role: 'user', content: buildTaskMessage('add a sub function', { files: ['src/math.ts'], symbols: [] }, [], context) }];
  const tally = { grammar: { finished: 0, wellFormed: 0, cut: 0 } as Tally, free: { finished: 0, wellFormed: 0, cut: 0 } as Tally };
  for (let index = 0; index < ANSWERS; index++) {
    for (const mode of ['grammar', 'free'] as const) {
      const result = await runtime.generate({ messages, seed: 100 + index, temperature: 0.8, maxTokens: MAX_TOKENS, ...(mode === 'grammar' ? { grammar: { kind: 'json-schema' as const, schema: editAnswerJsonSchema } } : {}) });
      const counts = tally[mode];
      if (result.stopReason === 'max-tokens') counts.cut += 1;
      else {
        counts.finished += 1;
        if (parseEditAnswer(result.text, result.stopReason).ok) counts.wellFormed += 1;
      }
    }
    log(`answer ${index + 1}: grammar ${tally.grammar.wellFormed}/${tally.grammar.finished} well-formed (${tally.grammar.cut} cut), free ${tally.free.wellFormed}/${tally.free.finished} (${tally.free.cut} cut)`);
  }
  await runtime.dispose();
  const share = (t: Tally) => (t.finished === 0 ? 0 : t.wellFormed / t.finished);
  const percent = (value: number) => `${(value * 100).toFixed(0)}%`;
  return {
    summary: `finished answers that are well-formed edits: with the grammar ${tally.grammar.wellFormed}/${tally.grammar.finished} (${percent(share(tally.grammar))}), without ${tally.free.wellFormed}/${tally.free.finished} (${percent(share(tally.free))}); cut at ${MAX_TOKENS} tokens: ${tally.grammar.cut} vs ${tally.free.cut} of ${ANSWERS} (tiny GGUF, CPU)`,
    figures: { answers: ANSWERS, maxTokens: MAX_TOKENS, grammar: tally.grammar, free: tally.free },
    pass: tally.grammar.finished > 0 && tally.grammar.wellFormed === tally.grammar.finished,
    machine: { loadAverage1m: loadavg()[0] },
  };
};

export default bench;
