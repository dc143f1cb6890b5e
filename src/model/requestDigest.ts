import { createHash } from 'node:crypto';
import type { GenerateRequest } from './ModelRuntime.js';

/**
 * A stable digest of what a request asks for (messages, grammar, sampling, limits); callbacks
 * and signals are left out. Replay in strict mode matches recorded responses by it.
 */
export function requestDigest(request: GenerateRequest): string {
  const { messages, maxTokens, temperature, seed, grammar, stop, overflow } = request;
  const canonical = JSON.stringify({ messages, maxTokens, temperature, seed, grammar, stop, overflow });
  return createHash('sha256').update(canonical).digest('hex').slice(0, 32);
}

/** Digest of a plain text (countTokens, embed). */
export function textDigest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

/**
 * A rough token count for runtimes without a tokenizer: about 4 characters per token for
 * English and code. Always labelled as an estimate where it is shown.
 */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

/** Splits text into token-sized stream pieces (up to 4 visible characters with surrounding space) that concatenate back to it. */
export function splitIntoPieces(text: string): string[] {
  return text.match(/\s*\S{1,4}\s*|\s+/gu) ?? [];
}
