import { resolveChatWrapper } from 'node-llama-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTinyGguf, tinyModelShape } from '../../../models/tinyGguf.js';
import type { ChatMessage } from '../ModelRuntime.js';
import { promptTokens } from './chatPrompt.js';
import { createLlamaRuntime } from './createLlamaRuntime.js';
import type { LlamaRuntime } from './LlamaRuntime.js';

const longSystem: ChatMessage = { role: 'system', content: `You are Krepis. ${'Follow the project rules carefully and answer in JSON. '.repeat(30)}` };

describe('llama runtime on the tiny GGUF', () => {
  let model: LlamaRuntime;
  beforeAll(async () => {
    model = await createLlamaRuntime({ modelPath: await ensureTinyGguf(), gpu: false, contextSize: 4096, sequences: 2, temperature: 0, seed: 1, maxTokens: 16 });
  });
  afterAll(async () => {
    await model?.dispose();
  });

  it('loads with the configured context and sequences', () => {
    expect(model.info).toMatchObject({ runtime: 'llama', contextSize: 4096, parallelism: 2, embeddingSize: tinyModelShape.embeddingLength });
  });

  it('formats the conversation with the model\'s chat wrapper (assembled prompt snapshot)', () => {
    const wrapper = resolveChatWrapper(model.model);
    const messages: ChatMessage[] = [{ role: 'system', content: 'Be terse.' }, { role: 'user', content: 'Hi' }, { role: 'assistant', content: 'Hello' }, { role: 'user', content: 'Add 1+1' }];
    expect(wrapper.wrapperName).toBe('Llama2Chat');
    expect(model.model.detokenize(promptTokens(wrapper, model.model, messages), true)).toMatchInlineSnapshot(`
      "<s> [INST] <<SYS>>
      Be terse. 
      <</SYS>>

      Hi  [/INST] Hello</s><s> [INST] Add 1+1  [/INST] "
    `);
  });

  it('is deterministic for a fixed seed and temperature 0', async () => {
    const request = { messages: [{ role: 'user' as const, content: 'repeat after me' }], maxTokens: 10, temperature: 0 };
    const [first, second] = [await model.generate(request), await model.generate(request)];
    expect(second.text).toBe(first.text);
    expect(first.stopReason).toBe('max-tokens');
    expect(first.tokens.completion).toBe(10);
  });

  it('samples reproducibly: same seed, same text at temperature 1', async () => {
    const request = { messages: [{ role: 'user' as const, content: 'sample me' }], maxTokens: 12, temperature: 1, seed: 1234 };
    const first = await model.generate(request);
    expect((await model.generate(request)).text).toBe(first.text);
    const others = await Promise.all([5, 6, 7].map((seed) => model.generate({ ...request, seed })));
    expect(others.some((other) => other.text !== first.text)).toBe(true);
  });

  it('reuses an evaluated system prompt: second request evaluates only the new suffix and answers sooner', async () => {
    const first = await model.generate({ messages: [longSystem, { role: 'user', content: 'first question' }], maxTokens: 2 });
    const second = await model.generate({ messages: [longSystem, { role: 'user', content: 'second question' }], maxTokens: 2 });
    expect(first.tokens.prompt).toBeGreaterThan(1000);
    expect(second.tokens.reusedPrompt).toBeGreaterThan(first.tokens.prompt * 0.9);
    expect(second.tokens.reusedPrompt).toBeLessThan(second.tokens.prompt);
    expect(second.timings.firstTokenMs).toBeLessThan(first.timings.firstTokenMs);
  });

  it('runs concurrent requests on separate sequences', async () => {
    const ask = (content: string) => model.generate({ messages: [{ role: 'user', content }], maxTokens: 6 });
    const results = await Promise.all([ask('one'), ask('two'), ask('three')]);
    for (const result of results) expect(result.tokens.completion).toBe(6);
  });

  it('stops at a stop string, without it in the text', async () => {
    const probe = await model.generate({ messages: [{ role: 'user', content: 'stop test' }], maxTokens: 12, temperature: 0 });
    const stopAt = /[!-~]{2}/.exec(probe.text.slice(2))?.[0];
    if (!stopAt) throw new Error(`no printable pair in ${JSON.stringify(probe.text)}`);
    const stopped = await model.generate({ messages: [{ role: 'user', content: 'stop test' }], maxTokens: 12, temperature: 0, stop: [stopAt] });
    expect(stopped.stopReason).toBe('stop-string');
    expect(stopped.text).toBe(probe.text.slice(0, probe.text.indexOf(stopAt)));
  });

  it('embeds with the model\'s embedding size; different texts give different vectors', async () => {
    const [a, b] = await model.embed(['const x = 1;', 'function parse() {}']);
    expect(a).toHaveLength(tinyModelShape.embeddingLength);
    expect(Array.from(a!)).not.toEqual(Array.from(b!));
    expect(await model.countTokens('{"a": 1}')).toBeGreaterThan(0);
  });

  it('refuses to embed a text longer than the embedding context, with a KrepisError', async () => {
    await expect(model.embed(['x '.repeat(tinyModelShape.contextLength * 2)])).rejects.toMatchObject({ code: 'KREPIS_MODEL_PROMPT_TOO_LONG' });
  });

  it('reports a malformed grammar as a KrepisError', async () => {
    await expect(model.generate({ messages: [{ role: 'user', content: 'x' }], grammar: { kind: 'gbnf', gbnf: 'root ::= (' } })).rejects.toMatchObject({ code: 'KREPIS_MODEL_GRAMMAR_INVALID' });
  });
});
