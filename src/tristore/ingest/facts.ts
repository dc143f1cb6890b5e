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
  /** `ns.name` through a namespace import, or `this.name` (`this`). */
  through?: string;
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
