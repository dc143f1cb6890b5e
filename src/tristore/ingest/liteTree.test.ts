import type Parser from 'tree-sitter';
import { describe, expect, it } from 'vitest';
import { languageOf, parseSource } from './language.js';
import { LiteTree, type LiteNode } from './liteTree.js';

const source = `/** doc */
export class Box<T> extends Base implements Shape {
  size(): number { return measure(this.items, ns.unit); }
}
const broken = (;
const café = { \\u0061b: 1, $x_9: café.$x_9 };
label: for (const kép of [café]) break label;
let = ;
ok = x instanceof ;
class { m( }
`;

type Shape = { type: string; start: number; end: number; rows: [number, number]; children: Shape[] };

const ofSyntaxNode = (node: Parser.SyntaxNode): Shape => ({ type: node.type, start: node.startIndex, end: node.endIndex, rows: [node.startPosition.row, node.endPosition.row], children: node.children.map(ofSyntaxNode) });
const ofLiteNode = (node: LiteNode): Shape => ({ type: node.type, start: node.startIndex, end: node.endIndex, rows: [node.startRow, node.endRow], children: node.children.map(ofLiteNode) });

// LiteNode reads tree-sitter's native node methods directly: this pins it to what the binding's own nodes say.
describe('LiteNode', () => {
  const tree = parseSource('src/box.ts', source);
  const root = new LiteTree(tree, source, languageOf('src/box.ts')).root;

  it('reads the same tree as the binding: types, offsets, rows and children, error nodes included', () => {
    expect(ofLiteNode(root)).toEqual(ofSyntaxNode(tree.rootNode));
    expect(root.hasError).toBe(true);
  });

  it('finds fields, named children and descendants by type', () => {
    const declaration = root.namedChildren[1]?.childForFieldName('declaration');
    expect(declaration?.childForFieldName('name')?.text).toBe('Box');
    expect(declaration?.childForFieldName('body')?.namedChildren.map((member) => member.type)).toEqual(['method_definition']);
    const types = ['call_expression', 'type_identifier'];
    expect(root.descendantsOfType(types).map((node) => node.text)).toEqual(tree.rootNode.descendantsOfType(types).map((node) => node.text));
    expect(root.descendantsOfType(types).map((node) => node.text)).toContain('measure(this.items, ns.unit)');
    expect(root.namedChildren[1]?.lastNamedChild?.type).toBe('class_declaration');
    expect(root.namedChildren[2]?.child(0)?.text).toBe('const');
  });

  it('reads lists that mix nodes the binding has cached with uncached ones', () => {
    // The binding hands back its own node object for a node some SyntaxNode still holds (CI saw
    // this when the collector had not yet freed one): here `Box`, held, then `T`, not held.
    const fresh = parseSource('src/box.ts', source);
    const held = fresh.rootNode.namedChildren[1]?.childForFieldName('declaration')?.childForFieldName('name');
    const lite = new LiteTree(fresh, source, languageOf('src/box.ts')).root;
    const found = lite.descendantsOfType(['type_identifier']);
    expect(held?.text).toBe('Box');
    expect(found.map((node) => node.text)).toEqual(['Box', 'T', 'Shape']);
    expect(found.map((node) => node.startIndex)).toEqual(fresh.rootNode.descendantsOfType(['type_identifier']).map((node) => node.startIndex));
  });
});
