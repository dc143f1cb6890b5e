import { stemmer } from 'stemmer';

const STOP_WORDS = new Set(['a', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'for', 'from', 'if', 'in', 'into', 'is', 'it', 'of', 'on', 'or', 'the', 'this', 'to', 'with', 'that', 'it', 'its', 'we', 'new', 'return', 'const', 'let', 'var', 'function', 'export', 'import', 'type', 'void', 'string', 'number', 'boolean', 'true', 'false', 'null', 'undefined']);

/** Splits `parseHTTPResponse_v2` into `parse`, `http`, `response`, `v2`. */
function identifierParts(word: string): string[] {
  return word
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_$]+/)
    .filter((part) => part.length > 0);
}

const MAX_CACHED_WORDS = 200_000;
const wordTerms = new Map<string, readonly string[]>();

/** The terms of one word; identifiers repeat a lot across a codebase, so they are cached. */
export function termsOfWord(word: string): readonly string[] {
  let terms = wordTerms.get(word);
  if (terms) return terms;
  const whole = word.toLowerCase();
  const parts = identifierParts(word).map((part) => part.toLowerCase());
  const found: string[] = parts.length > 1 && !STOP_WORDS.has(whole) ? [stemmer(whole)] : [];
  for (const part of parts) if (part.length > 1 && !STOP_WORDS.has(part)) found.push(stemmer(part));
  terms = found;
  if (wordTerms.size >= MAX_CACHED_WORDS) wordTerms.clear();
  wordTerms.set(word, terms);
  return terms;
}

/**
 * Identifier-aware terms of a text, for model-free search: every identifier is kept whole
 * (lower-cased) and also split at camelCase and snake_case boundaries; stop words and
 * one-letter words are dropped; every term is reduced to its Porter stem, so a task's
 * "greeting", "greets" and "greeted" find `greet`.
 */
export function lexicalTerms(text: string): string[] {
  const terms: string[] = [];
  for (const word of wordsOf(text)) terms.push(...termsOfWord(word));
  return terms;
}

/** The words (identifiers and numbers) of a text, in order; `lexicalTerms` splits each with `termsOfWord`. */
export const wordsOf = (text: string): string[] => text.match(/[A-Za-z_$][A-Za-z0-9_$]*|[0-9]+/g) ?? [];

/** Term frequencies of a text. */
export function termFrequencies(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of lexicalTerms(text)) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}

/** Reciprocal rank fusion of ranked id lists (`k` = 60, as in the original paper). */
export function reciprocalRankFusion(lists: readonly (readonly string[])[], k = 60): Map<string, number> {
  const scores = new Map<string, number>();
  for (const list of lists) list.forEach((id, rank) => scores.set(id, (scores.get(id) ?? 0) + 1 / (k + rank + 1)));
  return scores;
}
