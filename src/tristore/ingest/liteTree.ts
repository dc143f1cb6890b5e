import { createRequire } from 'node:module';
import path from 'node:path';
import type Parser from 'tree-sitter';

// tree-sitter 0.21's JS layer wraps every node it hands out in an object that it registers in a
// native per-tree cache (a weak reference each): on a cold index that bookkeeping cost as much as
// parsing, plus the garbage collection of it. The layer itself reads nodes through the binding's
// `NodeMethods` and a shared transfer buffer; LiteNode does the same, without the cache.
const require = createRequire(import.meta.url);

type NativeValue = number | null | (Parser.SyntaxNode & Record<number, number>);

interface NativeBinding {
  NodeMethods: Record<string, (tree: Parser.Tree, ...args: unknown[]) => unknown>;
  /** Node handles: 6 words each (id low, id high, start byte, start row, start column, alias). */
  nodeTransferArray: Uint32Array;
  pointTransferArray: Uint32Array;
  getNodeTypeNamesById(language: unknown): (string | null)[];
  getNodeFieldNamesById(language: unknown): (string | null)[];
}

const binding = require('node-gyp-build')(path.dirname(require.resolve('tree-sitter'))) as NativeBinding;
const methods = binding.NodeMethods;
const FIELDS = 6;
const ERROR_SYMBOL = 0xffff;

/** Node type names by symbol id, per language (the binding's own table, completed on demand for anonymous nodes). */
const typeNames = new Map<unknown, (string | null | undefined)[]>();
/** Field ids by name, per language: the native lookup by name copies the string and scans every field name. */
const fieldIds = new Map<unknown, ReadonlyMap<string, number>>();

function fieldIdsOf(language: unknown): ReadonlyMap<string, number> {
  let ids = fieldIds.get(language);
  if (!ids) {
    const names = binding.getNodeFieldNamesById(language);
    fieldIds.set(language, (ids = new Map(names.flatMap((name, id) => (name ? [[name, id] as const] : [])))));
  }
  return ids;
}

/** Node types that are one identifier token: their end is found by scanning the source, not by a native call. */
const IDENTIFIERS = new Set(['identifier', 'type_identifier', 'property_identifier', 'shorthand_property_identifier', 'shorthand_property_identifier_pattern', 'statement_identifier']);

/**
 * Where the ASCII identifier starting at `start` ends, or -1 when the scan cannot tell (a
 * non-ASCII character or an escape, or no identifier there: a zero-width MISSING node).
 */
function identifierEnd(source: string, start: number): number {
  let at = start;
  for (; at < source.length; at++) {
    const code = source.charCodeAt(at);
    const word = (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 36;
    if (word) continue;
    if (code >= 128 || code === 92) return -1;
    break;
  }
  return at === start ? -1 : at;
}

/** One parsed file: the tree, its source and its language's type names. */
export class LiteTree {
  readonly names: (string | null | undefined)[];
  readonly fields: ReadonlyMap<string, number>;

  constructor(
    readonly tree: Parser.Tree,
    readonly source: string,
    language: unknown,
  ) {
    let names = typeNames.get(language);
    if (!names) typeNames.set(language, (names = binding.getNodeTypeNamesById(language)));
    this.names = names;
    this.fields = fieldIdsOf(language);
  }

  get root(): LiteNode {
    return this.node(this.tree.rootNode as NativeValue) as LiteNode;
  }

  /** The node the binding just returned (a symbol id with the handle at `offset`, a cached node object, or null). */
  node(value: unknown, offset = 0): LiteNode | null {
    if (typeof value === 'number') {
      const words = binding.nodeTransferArray;
      return new LiteNode(this, words[offset] as number, words[offset + 1] as number, words[offset + 2] as number, words[offset + 3] as number, words[offset + 4] as number, words[offset + 5] as number, value);
    }
    if (value === null || value === undefined) return null;
    const cached = value as Parser.SyntaxNode & Record<number, number>;
    return new LiteNode(this, cached[0] ?? 0, cached[1] ?? 0, cached[2] ?? 0, cached[3] ?? 0, cached[4] ?? 0, cached[5] ?? 0, cached.typeId);
  }

  /**
   * The nodes of a list the binding just returned; handles are consumed in order by the uncached
   * ones (symbol ids). Those are all read before any cached node object is: reading a cached
   * node's `typeId` marshals it into the same transfer array and would overwrite the handles of
   * the uncached nodes after it. Which nodes come back cached depends on the garbage collector.
   */
  nodes(values: unknown): LiteNode[] {
    const list = (values as unknown[] | undefined) ?? [];
    const found: (LiteNode | null)[] = new Array<LiteNode | null>(list.length);
    let offset = 0;
    for (let index = 0; index < list.length; index++) {
      const value = list[index];
      if (typeof value !== 'number') continue;
      found[index] = this.node(value, offset);
      offset += FIELDS;
    }
    for (let index = 0; index < list.length; index++) {
      const value = list[index];
      if (typeof value !== 'number') found[index] = this.node(value);
    }
    return found.filter((node): node is LiteNode => node !== null);
  }
}

/** A syntax node read straight from the native tree: the subset of `Parser.SyntaxNode` the ingest uses. */
export class LiteNode {
  /** The end offset once read (-1 before). */
  private end = -1;

  constructor(
    private readonly owner: LiteTree,
    private readonly idLow: number,
    private readonly idHigh: number,
    private readonly startByte: number,
    /** 0-based row of the first character. */
    readonly startRow: number,
    private readonly startColumn: number,
    private readonly alias: number,
    readonly typeId: number,
  ) {}

  /** Puts this node's handle where the next native call reads it. */
  private marshal(): Parser.Tree {
    const words = binding.nodeTransferArray;
    words[0] = this.idLow;
    words[1] = this.idHigh;
    words[2] = this.startByte;
    words[3] = this.startRow;
    words[4] = this.startColumn;
    words[5] = this.alias;
    return this.owner.tree;
  }

  get type(): string {
    const names = this.owner.names;
    const name = names[this.typeId];
    if (typeof name === 'string') return name;
    if (this.typeId === ERROR_SYMBOL) return 'ERROR';
    const native = methods['type']?.(this.marshal()) as string;
    names[this.typeId] = native;
    return native;
  }

  /** Character offsets (the binding parses strings as UTF-16). */
  get startIndex(): number {
    return this.startByte >>> 1;
  }

  get endIndex(): number {
    if (this.end < 0) this.end = IDENTIFIERS.has(this.type) ? identifierEnd(this.owner.source, this.startIndex) : -1;
    if (this.end < 0) this.end = methods['endIndex']?.(this.marshal()) as number;
    return this.end;
  }

  get text(): string {
    return this.owner.source.substring(this.startIndex, this.endIndex);
  }

  /** 0-based row of the end. */
  get endRow(): number {
    methods['endPosition']?.(this.marshal());
    return binding.pointTransferArray[0] as number;
  }

  get hasError(): boolean {
    return methods['hasError']?.(this.marshal()) as boolean;
  }

  get isMissing(): boolean {
    return methods['isMissing']?.(this.marshal()) as boolean;
  }

  get children(): LiteNode[] {
    return this.owner.nodes(methods['children']?.(this.marshal()));
  }

  get namedChildren(): LiteNode[] {
    return this.owner.nodes(methods['namedChildren']?.(this.marshal()));
  }

  get lastNamedChild(): LiteNode | null {
    return this.owner.node(methods['lastNamedChild']?.(this.marshal()));
  }

  child(index: number): LiteNode | null {
    return this.owner.node(methods['child']?.(this.marshal(), index));
  }

  childForFieldName(field: string): LiteNode | null {
    const id = this.owner.fields.get(field);
    return id === undefined ? null : this.owner.node(methods['childForFieldId']?.(this.marshal(), id));
  }

  childrenForFieldName(field: string): LiteNode[] {
    const id = this.owner.fields.get(field);
    return id === undefined ? [] : this.owner.nodes(methods['childrenForFieldId']?.(this.marshal(), id));
  }

  /** Every node of these types under this one (itself included), in document order, found natively. */
  descendantsOfType(types: readonly string[]): LiteNode[] {
    return this.owner.nodes(methods['descendantsOfType']?.(this.marshal(), types));
  }
}
