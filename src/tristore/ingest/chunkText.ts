import type { SymbolRecord } from '../types.js';

const BODY_EXCERPT_CHARS = 600;

/** The searchable text of a symbol: qualified name, signature, JSDoc (or shadow doc) and a body excerpt. */
export function chunkText(symbol: SymbolRecord, source: string | undefined): string {
  const doc = symbol.doc ? [symbol.doc.summary, ...symbol.doc.params.map((param) => `${param.name} ${param.text}`), symbol.doc.returns ?? ''] : [symbol.shadow?.summary ?? '', ...(symbol.shadow?.tags ?? [])];
  const body = source ? source.slice(symbol.range.start, Math.min(symbol.range.end, symbol.range.start + BODY_EXCERPT_CHARS)) : '';
  return [symbol.qualifiedName, symbol.file, symbol.signature, ...doc, body].filter((part) => part.length > 0).join('\n');
}
