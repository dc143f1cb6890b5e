/**
 * The token estimate used when no tokenizer is given: one token per 3 characters, rounded up.
 * BPE tokenizers average 3.5–4.5 characters per token on source code, so this over-counts and
 * a budget met by the estimate is met by the real tokenizer too.
 */
export const estimateTokens = (text: string): number => Math.ceil(text.length / 3);
