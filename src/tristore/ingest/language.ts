import { createRequire } from 'node:module';
import type Parser from 'tree-sitter';
import type TypeScriptGrammars from 'tree-sitter-typescript';

// Loaded through Node's own require: a transpiling loader (jiti) would run tree-sitter's
// CommonJS in strict mode, where its node-class setup throws.
const require = createRequire(import.meta.url);
/** The tree-sitter binding, loaded natively. */
export const TreeSitter = require('tree-sitter') as typeof Parser;
const TypeScript = require('tree-sitter-typescript') as typeof TypeScriptGrammars;

/** Files the index parses, by extension. JavaScript goes through the TSX grammar, a superset of it. */
export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'] as const;

export const isSourceFile = (file: string): boolean => SOURCE_EXTENSIONS.some((ext) => file.endsWith(ext));

export const isTestFile = (file: string): boolean => /(^|[./])(test|spec)\.[cm]?[jt]sx?$/.test(file) || /(^|\/)__tests__\//.test(file);

type Grammar = 'typescript' | 'tsx';

const grammarOf = (file: string): Grammar => (/\.(ts|mts|cts)$/.test(file) ? 'typescript' : 'tsx');

const parsers = new Map<Grammar, Parser>();

function parserFor(grammar: Grammar): Parser {
  let parser = parsers.get(grammar);
  if (!parser) {
    parser = new TreeSitter();
    parser.setLanguage(TypeScript[grammar]);
    parsers.set(grammar, parser);
  }
  return parser;
}

/** The tree-sitter language object of a file, for queries. */
export const languageOf = (file: string): unknown => TypeScript[grammarOf(file)];

/**
 * Parses one file with tree-sitter. tree-sitter 0.21 rejects strings over 32 KB unless
 * `bufferSize` covers them, so it is sized to the source.
 */
export function parseSource(file: string, source: string): Parser.Tree {
  return parserFor(grammarOf(file)).parse(source, undefined, { bufferSize: Math.max(32 * 1024, source.length + 1) });
}
