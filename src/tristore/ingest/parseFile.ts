import { DeclarationCollector } from './declarations.js';
import type { ParsedFile } from './facts.js';
import { languageOf, parseSource } from './language.js';
import { LiteTree, type LiteNode } from './liteTree.js';
import { collectReferences } from './references.js';

function countErrors(node: LiteNode): number {
  if (!node.hasError) return 0;
  if (node.type === 'ERROR' || node.isMissing) return 1;
  let count = 0;
  for (const child of node.children) count += countErrors(child);
  return count;
}

/**
 * The structural pass over one file: declarations with signatures and JSDoc, imports and
 * re-exports, and the names each declaration uses. Syntax errors do not stop it: what parses
 * is indexed and the error count is reported.
 */
export function parseFile(file: string, source: string): ParsedFile {
  const language = languageOf(file);
  const root = new LiteTree(parseSource(file, source), source, language).root;
  const collector = new DeclarationCollector(file, source);
  collector.statements(root, { prefix: '', exported: false });
  const exported = new Set(collector.exportedNames);
  for (const symbol of collector.symbols) if (exported.has(symbol.qualifiedName)) symbol.exported = true;
  return {
    symbols: collector.symbols,
    imports: collector.imports,
    references: collectReferences(root, collector.symbols, source),
    exportedNames: collector.exportedNames,
    syntaxErrors: countErrors(root),
  };
}
