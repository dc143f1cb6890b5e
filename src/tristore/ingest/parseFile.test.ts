import { describe, expect, it } from 'vitest';
import { parseFile } from './parseFile.js';
import { parseJsDoc } from './parseJsDoc.js';

const source = `import { helper, type Options } from './helper.js';
import * as fmt from './fmt';
/**
 * Adds two numbers.
 * @param a - first addend
 * @param b second addend
 * @returns the sum
 * @throws {RangeError} on NaN
 * @example add(1, 2) // 3
 * @deprecated use sum()
 * @see sum
 * @invariant add(a, b) === add(b, a)
 * @sideEffects none
 * @concurrency safe from any thread
 */
export function add(a: number, b: number): number { return helper(a) + b; }
export class Store extends Base implements Closeable {
  /** Opens it. */
  open(options: Options): void { this.check(); fmt.print(options); }
  private check() {}
  size = 0;
}
export interface Closeable { close(): void }
export const double = (x: number): number => add(x, x);
namespace Inner { export function deep() {} }
export * from './reexported';
`;

describe('parseFile', () => {
  const parsed = parseFile('src/math.ts', source);
  const byId = new Map(parsed.symbols.map((symbol) => [symbol.id, symbol]));

  it('collects declarations with qualified names, kinds, export flags and signatures', () => {
    expect([...byId.keys()]).toEqual(['src/math.ts#add', 'src/math.ts#Store', 'src/math.ts#Store.open', 'src/math.ts#Store.check', 'src/math.ts#Store.size', 'src/math.ts#Closeable', 'src/math.ts#Closeable.close', 'src/math.ts#double', 'src/math.ts#Inner', 'src/math.ts#Inner.deep']);
    expect(byId.get('src/math.ts#add')).toMatchObject({ kind: 'function', exported: true, signature: 'function add(a: number, b: number): number', range: { startLine: 16, endLine: 16 } });
    expect(byId.get('src/math.ts#Store.open')?.kind).toBe('method');
    expect(byId.get('src/math.ts#double')?.signature).toBe('const double = (x: number): number =>');
    expect(byId.get('src/math.ts#Inner')?.exported).toBe(false);
  });

  it('parses JSDoc into fields, free tags included', () => {
    expect(byId.get('src/math.ts#add')?.doc).toEqual({
      summary: 'Adds two numbers.',
      params: [{ name: 'a', text: 'first addend' }, { name: 'b', text: 'second addend' }],
      returns: 'the sum',
      throws: ['{RangeError} on NaN'],
      examples: ['add(1, 2) // 3'],
      deprecated: 'use sum()',
      see: ['sum'],
      tags: { invariant: ['add(a, b) === add(b, a)'], sideEffects: ['none'], concurrency: ['safe from any thread'] },
    });
    expect(byId.get('src/math.ts#Store.open')?.doc?.summary).toBe('Opens it.');
  });

  it('finds imports, re-exports and what each symbol uses', () => {
    expect(parsed.imports.map((item) => [item.specifier, item.reexport, item.bindings.map((binding) => binding.local)])).toEqual([['./helper.js', false, ['helper', 'Options']], ['./fmt', false, ['fmt']], ['./reexported', true, ['*']]]);
    const uses = parsed.references.map((reference) => `${reference.from}:${reference.kind}:${reference.through ? `${reference.through}.` : ''}${reference.name}`);
    expect(uses).toEqual(expect.arrayContaining(['add:calls:helper', 'Store:extends:Base', 'Store:implements:Closeable', 'Store.open:calls:this.check', 'Store.open:calls:fmt.print', 'Store.open:references:Options', 'double:calls:add']));
  });

  it('indexes what parses in a file with syntax errors and counts them', () => {
    const broken = parseFile('src/broken.ts', 'export function ok() {}\nfunction broken( {\nexport const after = 1;\n');
    expect(broken.syntaxErrors).toBeGreaterThan(0);
    expect(broken.symbols.map((symbol) => symbol.name)).toContain('ok');
  });

  it('parses sources over 32 KB (tree-sitter 0.21 needs a bufferSize)', () => {
    const big = Array.from({ length: 2000 }, (_, index) => `export function fn${index}(value: number): number { return value + ${index}; }`).join('\n');
    expect(big.length).toBeGreaterThan(32 * 1024);
    expect(parseFile('src/big.ts', big).symbols).toHaveLength(2000);
  });

  it('parses JavaScript and TSX through the TSX grammar', () => {
    expect(parseFile('src/view.tsx', 'export const View = () => <div>{title()}</div>;').references.map((reference) => reference.name)).toContain('title');
    expect(parseFile('lib/util.js', 'export function plain(a) { return a; }').symbols[0]?.name).toBe('plain');
  });
});

describe('parseJsDoc', () => {
  it('handles a one-line comment and bracketed optional params', () => {
    expect(parseJsDoc('/** Does it. @param [opt=1] - optional */')).toMatchObject({ summary: 'Does it. @param [opt=1] - optional' });
    expect(parseJsDoc('/**\n * x\n * @param [opt=1] - optional\n */').params).toEqual([{ name: 'opt', text: 'optional' }]);
  });
});
