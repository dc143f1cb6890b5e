import { describe, expect, it } from 'vitest';
import { fitPrompt } from './fitPrompt.js';
import type { ChatMessage } from './ModelRuntime.js';

const countPrompt = (messages: readonly ChatMessage[]): number => messages.reduce((sum, m) => sum + m.content.length, 0);
const messages: ChatMessage[] = [
  { role: 'system', content: 's'.repeat(10) },
  { role: 'user', content: 'u'.repeat(50) },
  { role: 'assistant', content: 'a'.repeat(30) },
  { role: 'user', content: 'q'.repeat(5) },
];

describe('fitPrompt', () => {
  it('keeps a prompt that fits untouched', async () => {
    expect(await fitPrompt(messages, { contextSize: 200, maxTokens: 100, overflow: 'error', countPrompt })).toEqual({ messages, promptTokens: 95, trimmed: 0 });
  });

  it('is an error by default, naming the sizes', async () => {
    await expect(fitPrompt(messages, { contextSize: 120, maxTokens: 50, overflow: 'error', countPrompt })).rejects.toMatchObject({ code: 'KREPIS_MODEL_PROMPT_TOO_LONG', message: expect.stringContaining('95 tokens') });
  });

  it('drops the oldest non-system turns, keeping the system prompt and the last message', async () => {
    const fitted = await fitPrompt(messages, { contextSize: 120, maxTokens: 50, overflow: 'trim-oldest-turns', countPrompt });
    expect(fitted.trimmed).toBe(1);
    expect(fitted.messages.map((m) => m.role)).toEqual(['system', 'assistant', 'user']);
    const harder = await fitPrompt(messages, { contextSize: 70, maxTokens: 50, overflow: 'trim-oldest-turns', countPrompt });
    expect(harder.messages.map((m) => m.content[0])).toEqual(['s', 'q']);
    await expect(fitPrompt(messages, { contextSize: 60, maxTokens: 50, overflow: 'trim-oldest-turns', countPrompt })).rejects.toMatchObject({ message: expect.stringContaining('even after dropping 2 old turns') });
  });

  it('rejects empty requests and non-positive maxTokens as usage errors', async () => {
    await expect(fitPrompt([], { contextSize: 100, maxTokens: 5, overflow: 'error', countPrompt })).rejects.toMatchObject({ code: 'KREPIS_MODEL_BAD_REQUEST', kind: 'usage' });
    await expect(fitPrompt(messages, { contextSize: 100, maxTokens: 0, overflow: 'error', countPrompt })).rejects.toMatchObject({ code: 'KREPIS_MODEL_BAD_REQUEST' });
  });
});
