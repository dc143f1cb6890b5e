import { ts } from 'ts-morph';

export interface SymbolRange {
  start: number;
  end: number;
  exported: boolean;
}

/** Where a symbol is, or where a missing member of an existing class or interface goes. */
export type SymbolPlace = ({ found: true } & SymbolRange) | { found: false; insertAt: number } | undefined;

const declarationNames = (statement: ts.Statement): string[] => {
  if (ts.isVariableStatement(statement)) return statement.declarationList.declarations.map((declaration) => declaration.name.getText());
  const named = statement as ts.Statement & { name?: ts.Node };
  return named.name ? [named.name.getText()] : [];
};

const isExported = (node: ts.Node): boolean => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);

function findMember(statement: ts.Statement, member: string): ts.Node | undefined {
  if (!ts.isClassDeclaration(statement) && !ts.isInterfaceDeclaration(statement)) return undefined;
  return (statement.members as ts.NodeArray<ts.ClassElement | ts.TypeElement>).find((candidate) => candidate.name?.getText() === member);
}

/**
 * Where a top-level declaration (`name`) or a class member (`Class.member`) sits in `source`.
 * `withJsDoc` widens the range over its leading JSDoc, for code that brings its own.
 */
export function locateSymbol(fileName: string, source: string, symbol: string, withJsDoc: boolean): SymbolPlace {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const [owner, member] = symbol.split('.', 2) as [string, string | undefined];
  const statement = file.statements.find((candidate) => declarationNames(candidate).includes(owner));
  if (!statement) return undefined;
  const node = member === undefined ? statement : findMember(statement, member);
  if (node) return { found: true, start: node.getStart(file, withJsDoc), end: node.getEnd(), exported: isExported(node) };
  // A new member goes just before the closing brace of its class or interface.
  const closing = (ts.isClassDeclaration(statement) || ts.isInterfaceDeclaration(statement)) ? statement.members.end : undefined;
  return closing === undefined ? undefined : { found: false, insertAt: closing };
}
