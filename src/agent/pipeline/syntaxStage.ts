import { createRequire } from 'node:module';
import type Parser from 'tree-sitter';
import type TypeScriptGrammars from 'tree-sitter-typescript';
import type { Issue } from '../types.js';
import { resultOf, type Stage } from './StageContext.js';

// Loaded through Node's own require: a transpiling loader (jiti) runs tree-sitter's CommonJS in
// strict mode, where its node-class setup throws.
const require = createRequire(import.meta.url);
const TreeSitter = require('tree-sitter') as typeof Parser;
const TypeScript = require('tree-sitter-typescript') as typeof TypeScriptGrammars;

const parsers = new Map<string, Parser>();

function parserFor(file: string): Parser | undefined {
  const flavour = /\.tsx$/.test(file) ? 'tsx' : /\.(c|m)?[jt]s$/.test(file) ? 'typescript' : undefined;
  if (!flavour) return undefined;
  let parser = parsers.get(flavour);
  if (!parser) {
    parser = new TreeSitter();
    parser.setLanguage(flavour === 'tsx' ? TypeScript.tsx : TypeScript.typescript);
    parsers.set(flavour, parser);
  }
  return parser;
}

/** Lines holding ERROR or MISSING nodes, with the offending text. */
function syntaxErrors(parser: Parser, text: string): Map<string, number> {
  const tree = parser.parse(text, undefined, { bufferSize: Math.max(32 * 1024, Buffer.byteLength(text) * 2) });
  const errors = new Map<string, number>();
  const visit = (node: Parser.SyntaxNode): void => {
    if (!node.hasError && !node.isMissing) return;
    if (node.isError || node.isMissing) {
      const line = node.startPosition.row + 1;
      const what = node.isMissing ? `missing ${node.type}` : `unexpected "${node.text.split('\n')[0]?.slice(0, 40) ?? ''}"`;
      if (!errors.has(what)) errors.set(what, line);
      return;
    }
    for (const child of node.children) visit(child);
  };
  visit(tree.rootNode);
  return errors;
}

function jsonErrors(text: string): Map<string, number> {
  try {
    JSON.parse(text);
    return new Map();
  } catch (error) {
    return new Map([[(error as Error).message, 1]]);
  }
}

/** tree-sitter over every changed file: syntax errors the change introduced (ones already there are not its fault). */
export const syntaxStage: Stage = async ({ changes }) => {
  const issues: Issue[] = [];
  for (const change of changes) {
    const parser = parserFor(change.path);
    const check = parser ? (text: string) => syntaxErrors(parser, text) : change.path.endsWith('.json') ? jsonErrors : undefined;
    if (!check) {
      // Edits to such files are refused upstream; a change the pipeline cannot read never passes unseen.
      issues.push({ file: change.path, line: 0, message: 'not a file Krepis can verify (TypeScript, JavaScript or JSON)' });
      continue;
    }
    const before = change.before === null ? new Map<string, number>() : check(change.before);
    for (const [what, line] of check(change.after)) {
      if (!before.has(what)) issues.push({ file: change.path, line, message: `syntax error: ${what}` });
    }
  }
  return resultOf(issues, `${changes.length} file(s) parsed`);
};
