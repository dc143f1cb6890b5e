import type { SymbolRecord } from '../types.js';

/** One import or re-export: `imported` is a name, `default` or `*`. */
export interface ImportFact {
  specifier: string;
  bindings: { imported: string; local: string }[];
  reexport: boolean;
}

export type ReferenceKind = 'calls' | 'references' | 'extends' | 'implements';

/** A name used inside a symbol (`from`, a qualified name) or at module level (`from: null`). */
export interface ReferenceFact {
  from: string | null;
  name: string;
  kind: ReferenceKind;
  /**
   * The receiver of a member call: `this`, an identifier (`ns.name`, `orders.name`), or the
   * receiver's text for other shapes (`this.orders.name`, `make().name`).
   */
  through?: string;
  /**
   * Offset of the called property's identifier, on member calls whose receiver is not `this`:
   * a site only the type checker can resolve, unless `through` is a namespace import.
   */
  at?: number;
}

/** Everything the structural pass learns from one file. */
export interface ParsedFile {
  symbols: SymbolRecord[];
  imports: ImportFact[];
  references: ReferenceFact[];
  /** Local names listed in `export { … }` without a source. */
  exportedNames: string[];
  syntaxErrors: number;
}
