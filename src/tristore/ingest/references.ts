import type { SymbolRecord } from '../types.js';
import type { ReferenceFact, ReferenceKind } from './facts.js';
import type { LiteNode } from './liteTree.js';

/** One use of a name: where its identifier starts, the identifier, how it is used, and through what. */
interface Use {
  at: number;
  identifier: LiteNode;
  kind: ReferenceKind;
  through?: string;
  /** Set on member calls the type checker may resolve (`ReferenceFact.at`). */
  typed?: boolean;
}

/** The node types that hold a use; found in one native walk of the tree. */
const HOLDERS = ['call_expression', 'new_expression', 'extends_clause', 'extends_type_clause', 'implements_clause', 'type_identifier', 'arguments'];

const STRENGTH: Record<ReferenceKind, number> = { extends: 3, implements: 3, calls: 2, references: 1 };

/** Receiver texts longer than this are kept as `…` (the type checker reads the source, not this text). */
const MAX_RECEIVER_TEXT = 48;
const TRAILING_DOT = /\s*\??\.\s*$/;

function use(uses: Use[], identifier: LiteNode, kind: ReferenceKind, through?: string, typed = false): void {
  const found: Use = { at: identifier.startIndex, identifier, kind };
  if (through !== undefined) found.through = through;
  if (typed) found.typed = true;
  uses.push(found);
}

/**
 * `this.orders`, `make()`: short single-line texts as they are, anything else as `…`. Read up to
 * the property's start (the receiver ends at the `.` or `?.` before it), which costs no native call.
 */
function receiverText(object: LiteNode, property: LiteNode, source: string): string {
  const start = object.startIndex;
  const end = property.startIndex;
  if (end - start > MAX_RECEIVER_TEXT + 2) return '…';
  const text = source.slice(start, end).replace(TRAILING_DOT, '');
  return text.includes('\n') ? '…' : text;
}

/** `f()`, `this.f()`, `ns.f()` and, for the type checker, `orders.f()`, `this.orders.f()`, `make().f()`. */
function callUses(call: LiteNode, uses: Use[], source: string): void {
  const callee = call.childForFieldName('function');
  if (callee?.type === 'identifier') return use(uses, callee, 'calls');
  if (callee?.type !== 'member_expression') return;
  const property = callee.childForFieldName('property');
  if (property?.type !== 'property_identifier') return;
  const object = callee.childForFieldName('object');
  if (!object) return;
  if (object.type === 'this') use(uses, property, 'calls', 'this');
  else use(uses, property, 'calls', object.type === 'identifier' ? object.text : receiverText(object, property, source), true);
}

/**
 * The uses a holder node contributes, matching these tree-sitter query patterns:
 * `(call_expression function: (identifier) @calls)`, `(new_expression constructor: (identifier) @calls)`,
 * `this.f()` / `ns.f()` calls, `(extends_clause value: (identifier) @extends)`,
 * `(extends_type_clause type: (type_identifier) @extends)`, `(implements_clause (type_identifier) @implements)`,
 * `(type_identifier) @references` and `(arguments (identifier) @references)`.
 */
function usesOf(node: LiteNode, uses: Use[], source: string): void {
  switch (node.type) {
    case 'type_identifier':
      return use(uses, node, 'references');
    case 'call_expression':
      return callUses(node, uses, source);
    case 'new_expression': {
      const constructor = node.childForFieldName('constructor');
      if (constructor?.type === 'identifier') use(uses, constructor, 'calls');
      return;
    }
    case 'extends_clause':
      for (const value of node.childrenForFieldName('value')) if (value.type === 'identifier') use(uses, value, 'extends');
      return;
    case 'extends_type_clause':
      for (const type of node.childrenForFieldName('type')) if (type.type === 'type_identifier') use(uses, type, 'extends');
      return;
    case 'implements_clause':
      for (const child of node.namedChildren) if (child.type === 'type_identifier') use(uses, child, 'implements');
      return;
    case 'arguments':
      for (const child of node.namedChildren) if (child.type === 'identifier') use(uses, child, 'references');
  }
}

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
 * Names each symbol uses (calls, `new`, types, heritage, callbacks), in document order; the
 * strongest kind wins when a name is used several ways.
 */
export function collectReferences(root: LiteNode, symbols: readonly SymbolRecord[], source: string): ReferenceFact[] {
  const sorted = [...symbols].sort((a, b) => a.range.start - b.range.start || b.range.end - a.range.end);
  const uses: Use[] = [];
  for (const holder of root.descendantsOfType(HOLDERS)) usesOf(holder, uses, source);
  // Holders come in document order, the identifiers they hold not quite (a call's callee before its type arguments' uses).
  uses.sort((a, b) => a.at - b.at);
  const found = new Map<string, ReferenceFact>();
  for (const { at, identifier, kind, through, typed } of uses) {
    const name = identifier.text;
    const owner = enclosing(sorted, at);
    if (owner?.name === name && kind === 'references') continue;
    const key = `${owner?.qualifiedName ?? ''}\0${through ?? ''}\0${name}`;
    const previous = found.get(key);
    if (previous && STRENGTH[kind] <= STRENGTH[previous.kind]) continue;
    const fact: ReferenceFact = { from: owner?.qualifiedName ?? null, name, kind };
    if (through) fact.through = through;
    if (typed) fact.at = at;
    found.set(key, fact);
  }
  return [...found.values()];
}
