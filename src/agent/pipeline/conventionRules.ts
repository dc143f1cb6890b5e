import { ts } from 'ts-morph';
import { isTestFile } from '../edits/protectedPaths.js';

export interface ConventionHit {
  rule: string;
  line: number;
  message: string;
}

const NONDETERMINISTIC_CALLS: Record<string, string> = {
  'Date.now': 'read time through the Clock port (ports.clock.now())',
  'Math.random': 'draw randomness through the Random port (ports.random)',
  'performance.now': 'read time through the Clock port',
  setTimeout: 'schedule through the Clock port (ports.clock.sleep / the kernel scheduler)',
  setInterval: 'schedule through the kernel scheduler',
  setImmediate: 'schedule through the kernel scheduler',
};

const IO_MODULES = /^(node:)?(fs|fs\/promises|http|https|net|dgram|child_process)$/;
const DISABLED_TEST = /^(it|test|describe)\.(skip|only|todo)$|^(xit|xdescribe|xtest)$/;
const SUPPRESSION = /@ts-(ignore|nocheck|expect-error)|eslint-disable/;

const usesKernel = (source: ts.SourceFile): boolean =>
  source.statements.some((statement) => ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) && statement.moduleSpecifier.text.startsWith('@krepis/kernel'));

function callee(node: ts.Node): string | undefined {
  const expression = ts.isCallExpression(node) || ts.isNewExpression(node) ? node.expression : undefined;
  return expression && (ts.isIdentifier(expression) || ts.isPropertyAccessExpression(expression)) ? expression.getText() : undefined;
}

/**
 * Kernel conventions over one file: kernel code gets time, randomness and I/O through ports (so the
 * twin can replay it); no file suppresses the checker or switches tests off.
 */
export function conventionHits(file: string, text: string): ConventionHit[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const hits: ConventionHit[] = [];
  const at = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const kernel = usesKernel(source);
  const test = isTestFile(file);
  text.split('\n').forEach((line, index) => {
    if (SUPPRESSION.test(line)) hits.push({ rule: 'no-suppression', line: index + 1, message: 'suppresses the type checker or linter: fix the code instead' });
  });
  const visit = (node: ts.Node): void => {
    const name = callee(node);
    if (ts.isAsExpression(node) && node.type.kind === ts.SyntaxKind.AnyKeyword) hits.push({ rule: 'no-any-cast', line: at(node), message: '`as any` escapes the type system: use the real type' });
    if (kernel && !test && name && NONDETERMINISTIC_CALLS[name]) hits.push({ rule: 'ports-only', line: at(node), message: `${name}() in kernel code: ${NONDETERMINISTIC_CALLS[name]}` });
    if (kernel && !test && ts.isNewExpression(node) && name === 'Date' && (node.arguments?.length ?? 0) === 0) hits.push({ rule: 'ports-only', line: at(node), message: 'new Date() in kernel code: read time through the Clock port' });
    if (kernel && !test && ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && IO_MODULES.test(node.moduleSpecifier.text)) hits.push({ rule: 'ports-only', line: at(node), message: `imports ${node.moduleSpecifier.text} in kernel code: do I/O through the Storage / Net ports` });
    if (test && name && DISABLED_TEST.test(name)) hits.push({ rule: 'no-disabled-tests', line: at(node), message: `${name} switches a test off` });
    ts.forEachChild(node, visit);
  };
  visit(source);
  return hits;
}
