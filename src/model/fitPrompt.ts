import { modelError } from './errors.js';
import type { ChatMessage, OverflowPolicy } from './ModelRuntime.js';

export interface FitOptions {
  contextSize: number;
  /** Room the answer needs. */
  maxTokens: number;
  overflow: OverflowPolicy;
  /** Tokens the formatted prompt of `messages` takes; its last call is always for the messages returned. */
  countPrompt(messages: readonly ChatMessage[]): number | Promise<number>;
}

export interface FittedPrompt {
  messages: readonly ChatMessage[];
  promptTokens: number;
  /** Messages dropped to fit (0 when it fit as is). */
  trimmed: number;
}

/** The messages `trim-oldest-turns` may drop: neither system messages nor the last message. */
function oldestDroppable(messages: readonly ChatMessage[]): number {
  return messages.findIndex((message, index) => message.role !== 'system' && index < messages.length - 1);
}

/**
 * Makes sure prompt + answer fit the context. Never truncates silently: with `error` a prompt that
 * does not fit is a KrepisError; with `trim-oldest-turns` the oldest non-system turns go, and the
 * count is reported.
 */
export async function fitPrompt(messages: readonly ChatMessage[], options: FitOptions): Promise<FittedPrompt> {
  if (messages.length === 0) throw modelError('badRequest', 'A generate request needs at least one message', 'Pass messages: [{ role: "user", content: "…" }].');
  if (!Number.isInteger(options.maxTokens) || options.maxTokens < 1) throw modelError('badRequest', `maxTokens must be a positive integer, got ${options.maxTokens}`, 'Pass maxTokens ≥ 1, or leave it out for the config\'s model.maxTokens.');
  const budget = options.contextSize - options.maxTokens;
  let current = messages;
  let promptTokens = await options.countPrompt(current);
  while (promptTokens > budget && options.overflow === 'trim-oldest-turns') {
    const drop = oldestDroppable(current);
    if (drop === -1) break;
    current = current.filter((_, index) => index !== drop);
    promptTokens = await options.countPrompt(current);
  }
  if (promptTokens > budget) {
    const trimmedNote = current.length < messages.length ? ` even after dropping ${messages.length - current.length} old turns` : '';
    throw modelError('promptTooLong', `The prompt takes ${promptTokens} tokens${trimmedNote}; with up to ${options.maxTokens} answer tokens it does not fit the ${options.contextSize}-token context`, 'Shorten the prompt, lower `maxTokens`, raise `model.contextSize`, or pass overflow "trim-oldest-turns".', { details: { promptTokens, maxTokens: options.maxTokens, contextSize: options.contextSize } });
  }
  return { messages: current, promptTokens, trimmed: messages.length - current.length };
}
