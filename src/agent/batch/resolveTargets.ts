import { readFile } from 'node:fs/promises';
import { glob } from 'tinyglobby';
import ts from 'typescript';
import { BatchError, BatchErrorCode } from './errors.js';
import type { JobSpec, SymbolQuery } from './jobSpec.js';
import type { BatchTarget } from './types.js';

/** Never targets: dependencies, build output, Krepis's own store, git. */
const ALWAYS_IGNORED = ['**/node_modules/**', '**/dist/**', '**/.krepis/**', '**/.git/**'];

type SymbolKind = SymbolQuery['kinds'][number];
interface FoundSymbol {
  name: string;
  kind: SymbolKind;
  exported: boolean;
  hasJsDoc: boolean;
}

async function matchFiles(root: string, patterns: string | readonly string[]): Promise<string[]> {
  const list = typeof patterns === 'string' ? [patterns] : [...patterns];
  const files = await glob(list, { cwd: root, ignore: ALWAYS_IGNORED, onlyFiles: true, dot: false });
  if (files.length === 0) {
    throw new BatchError(BatchErrorCode.noTargets, `No file matches ${list.map((pattern) => `"${pattern}"`).join(', ')} under ${root}`, {
      kind: 'usage',
      hint: 'Check the glob (quote it so the shell does not expand it) and the --cwd.',
    });
  }
  return files.sort();
}

const isExported = (node: ts.Node): boolean => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);
const hasJsDoc = (node: ts.Node): boolean => ts.getJSDocCommentsAndTags(node).length > 0;

function declarationsOf(statement: ts.Statement): FoundSymbol[] {
  const exported = isExported(statement);
  const one = (name: string, kind: SymbolKind): FoundSymbol[] => [{ name, kind, exported, hasJsDoc: hasJsDoc(statement) }];
  if (ts.isFunctionDeclaration(statement)) return one(statement.name?.text ?? 'default', 'function');
  if (ts.isClassDeclaration(statement)) return one(statement.name?.text ?? 'default', 'class');
  if (ts.isInterfaceDeclaration(statement)) return one(statement.name.text, 'interface');
  if (ts.isTypeAliasDeclaration(statement)) return one(statement.name.text, 'type');
  if (!ts.isVariableStatement(statement)) return [];
  return statement.declarationList.declarations.filter((declaration) => ts.isIdentifier(declaration.name)).map((declaration) => {
    const init = declaration.initializer;
    const isFunction = init !== undefined && (ts.isArrowFunction(init) || ts.isFunctionExpression(init));
    return { name: (declaration.name as ts.Identifier).text, kind: isFunction ? 'function' : 'variable', exported, hasJsDoc: hasJsDoc(declaration) };
  });
}

/** The top-level declarations of a TypeScript source, with export and JSDoc facts. */
export function listSymbols(fileName: string, text: string): FoundSymbol[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  return source.statements.flatMap(declarationsOf);
}

function selects(query: SymbolQuery, symbol: FoundSymbol, name: RegExp | undefined): boolean {
  if (!query.kinds.includes(symbol.kind)) return false;
  if (query.exported && !symbol.exported) return false;
  if (query.missingJsDoc !== undefined && query.missingJsDoc === symbol.hasJsDoc) return false;
  return name === undefined || name.test(symbol.name);
}

async function selectSymbols(root: string, query: SymbolQuery): Promise<BatchTarget[]> {
  const name = query.name === undefined ? undefined : new RegExp(query.name);
  const targets: BatchTarget[] = [];
  for (const file of await matchFiles(root, query.files)) {
    const text = await readFile(`${root}/${file}`, 'utf8');
    for (const symbol of listSymbols(file, text)) {
      if (selects(query, symbol, name)) targets.push({ kind: 'symbol', file, symbol: symbol.name });
    }
  }
  if (targets.length === 0) {
    throw new BatchError(BatchErrorCode.noTargets, 'The symbol query selects nothing', { kind: 'usage', hint: 'Loosen the query (kinds, exported, missingJsDoc, name) or check the files glob.' });
  }
  return targets;
}

/**
 * The job's targets, in a stable order: every file the glob matches, or every top-level symbol
 * the query selects (e.g. `{ kinds: [function], exported: true, missingJsDoc: true }` = "every
 * exported function without JSDoc"). Nothing selected is a usage error.
 */
export async function resolveTargets(root: string, targets: JobSpec['targets']): Promise<BatchTarget[]> {
  if ('files' in targets) return (await matchFiles(root, targets.files)).map((file) => ({ kind: 'file', file }));
  return selectSymbols(root, targets.symbols);
}
