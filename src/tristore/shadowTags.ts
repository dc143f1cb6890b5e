import type { ModelRuntime } from '../model/ModelRuntime.js';
import { throwIfAborted } from './errors.js';
import { chunkText } from './ingest/chunkText.js';
import type { SymbolIndex } from './symbols/SymbolIndex.js';
import type { ShadowDoc, SymbolRecord } from './types.js';
import type { VectorStore } from './vectors/VectorStore.js';

export interface ShadowTagOptions {
  /** Most symbols to describe in this pass. Default 200. */
  limit?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export interface ShadowTagReport {
  described: number;
  /** Symbols whose answer was not valid JSON of the expected shape: left without a shadow doc. */
  rejected: { symbol: string; reason: string }[];
}

const DESCRIBABLE = new Set(['function', 'method', 'class', 'interface', 'type']);
const MAX_SOURCE_CHARS = 2000;
const SCHEMA = {
  type: 'object',
  properties: { summary: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } },
  required: ['summary', 'tags'],
} as const;

const SYSTEM = 'You document TypeScript code. Answer with JSON {"summary": one sentence on what the symbol does, "tags": up to 5 short lower-case tags such as "io", "pure", "async", "parsing", "side-effects"}.';

function parseAnswer(text: string): ShadowDoc | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'answer is not JSON';
  }
  const answer = value as { summary?: unknown; tags?: unknown };
  if (typeof answer.summary !== 'string' || answer.summary.trim() === '') return 'answer has no summary';
  const tags = Array.isArray(answer.tags) ? answer.tags.filter((tag): tag is string => typeof tag === 'string').slice(0, 5) : [];
  return { summary: answer.summary.trim(), tags };
}

/**
 * Shadow tags: for symbols without JSDoc, the model writes a one-line summary and a few tags,
 * stored in the index (and the search chunks) only, never in the user's source. Each symbol is
 * asked once; symbols that already have a shadow doc are skipped.
 */
export async function writeShadowDocs(stores: { symbols: SymbolIndex; vectors: VectorStore }, runtime: ModelRuntime, readSource: (file: string) => Promise<string | undefined>, options: ShadowTagOptions = {}): Promise<ShadowTagReport> {
  const pending = await stores.symbols.scan((symbol) => !symbol.doc && !symbol.shadow && DESCRIBABLE.has(symbol.kind), options.limit ?? 200);
  const report: ShadowTagReport = { described: 0, rejected: [] };
  const updated: { symbol: SymbolRecord; source: string | undefined }[] = [];
  for (const [index, symbol] of pending.entries()) {
    throwIfAborted(options.signal);
    const source = await readSource(symbol.file);
    const code = source?.slice(symbol.range.start, Math.min(symbol.range.end, symbol.range.start + MAX_SOURCE_CHARS)) ?? symbol.signature;
    const result = await runtime.generate({
      messages: [
        { role: 'system', content: SYSTEM },
        { role: 'user', content: `${symbol.kind} ${symbol.qualifiedName} in ${symbol.file}:\n${code}` },
      ],
      grammar: { kind: 'json-schema', schema: SCHEMA },
      maxTokens: 160,
      temperature: 0,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const shadow = parseAnswer(result.text);
    if (typeof shadow === 'string') report.rejected.push({ symbol: symbol.id, reason: shadow });
    else {
      await stores.symbols.setShadow(symbol.id, shadow);
      updated.push({ symbol: { ...symbol, shadow }, source });
      report.described++;
    }
    options.onProgress?.(index + 1, pending.length);
  }
  await stores.vectors.upsert(updated.map(({ symbol, source }) => ({ id: symbol.id, file: symbol.file, kind: symbol.kind, text: chunkText(symbol, source) })));
  await stores.vectors.flush();
  return report;
}
