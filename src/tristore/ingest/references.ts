import type Parser from 'tree-sitter';
import { TreeSitter } from './language.js';
import type { SymbolRecord } from '../types.js';
import type { ReferenceFact, ReferenceKind } from './facts.js';

const PATTERNS = `
(call_expression function: (identifier) @calls)
(new_expression constructor: (identifier) @calls)
(call_expression function: (member_expression object: (this) property: (property_identifier) @this.calls))
(call_expression function: (member_expression object: (identifier) @ns property: (property_identifier) @ns.calls))
(extends_clause value: (identifier) @extends)
(extends_type_clause type: (type_identifier) @extends)
(implements_clause (type_identifier) @implements)
(type_identifier) @references
(arguments (identifier) @references)
`;

const queries = new Map<unknown, Parser.Query>();

function queryFor(language: unknown): Parser.Query {
  let query = queries.get(language);
  if (!query) {
    query = new TreeSitter.Query(language, PATTERNS);
    queries.set(language, query);
  }
  return query;
}

const STRENGTH: Record<ReferenceKind, number> = { extends: 3, implements: 3, calls: 2, references: 1 };

/** The innermost symbol whose range holds `offset` (symbols are sorted by start; members follow their owner). */
function enclosing(symbols: readonly SymbolRecord[], offset: number): SymbolRecord | undefined {
  let low = 0;
  let high = symbols.length - 1;
  let last = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if ((symbols[mid]?.range.start ?? 0) <= offset) {
      last = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  for (let index = last; index >= 0; index--) {
    const symbol = symbols[index];
    if (symbol && symbol.range.end > offset) return symbol;
  }
  return undefined;
}

/**
 * Names each symbol uses (calls, `new`, types, heritage, callbacks), found with one tree-sitter
 * query; the strongest kind wins when a name is used several ways.
 */
export function collectReferences(root: Parser.SyntaxNode, language: unknown, symbols: readonly SymbolRecord[]): ReferenceFact[] {
  const sorted = [...symbols].sort((a, b) => a.range.start - b.range.start || b.range.end - a.range.end);
  const found = new Map<string, ReferenceFact>();
  let namespace: string | undefined;
  for (const capture of queryFor(language).captures(root)) {
    if (capture.name === 'ns') {
      namespace = capture.node.text;
      continue;
    }
    const name = capture.node.text;
    const owner = enclosing(sorted, capture.node.startIndex);
    if (owner?.name === name && capture.name === 'references') continue;
    const through = capture.name === 'this.calls' ? 'this' : capture.name === 'ns.calls' ? namespace : undefined;
    const kind = capture.name.replace(/^(this|ns)\./, '') as ReferenceKind;
    const key = `${owner?.qualifiedName ?? ''}\0${through ?? ''}\0${name}`;
    const previous = found.get(key);
    if (!previous || STRENGTH[kind] > STRENGTH[previous.kind]) found.set(key, { from: owner?.qualifiedName ?? null, name, kind, ...(through ? { through } : {}) });
  }
  return [...found.values()];
}
