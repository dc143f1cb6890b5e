import { hash } from 'node:crypto';
import type { SymbolKind, SymbolRecord } from '../types.js';
import type { ImportFact } from './facts.js';
import type { LiteNode } from './liteTree.js';
import { parseJsDoc } from './parseJsDoc.js';

type Node = LiteNode;

const KIND_OF: Record<string, SymbolKind> = {
  function_declaration: 'function',
  generator_function_declaration: 'function',
  function_signature: 'function',
  class_declaration: 'class',
  abstract_class_declaration: 'class',
  interface_declaration: 'interface',
  type_alias_declaration: 'type',
  enum_declaration: 'enum',
  internal_module: 'namespace',
  module: 'namespace',
  method_definition: 'method',
  method_signature: 'method',
  abstract_method_signature: 'method',
  public_field_definition: 'property',
  property_signature: 'property',
};

const MAX_SIGNATURE_LINES = 40;
const MAX_OBJECT_DEPTH = 3;
const FUNCTIONS = new Set(['arrow_function', 'function_expression', 'function', 'generator_function']);
/** Expressions that pass an object literal through: `(…)`, `… as const`, `… satisfies T`. */
const WRAPPERS = new Set(['parenthesized_expression', 'as_expression', 'satisfies_expression']);

/**
 * The object literals a variable's value evaluates to, looked for without running anything:
 * the value itself, through parentheses, `as` and `satisfies`; a call's arguments
 * (`defineService('orders', (ports) => ({ … }))`, `Object.freeze({ … })`); and what a function
 * returns (its expression body, or the `return` statements directly in its body).
 * The type resolver names members the same way (`TypeResolver`'s `qualifiedName`).
 */
function objectsOf(value: Node, found: Node[] = [], depth = 0): Node[] {
  if (depth > MAX_OBJECT_DEPTH) return found;
  if (value.type === 'object') found.push(value);
  else if (WRAPPERS.has(value.type)) {
    const inner = value.namedChildren.find((child) => child.type !== 'comment');
    if (inner) objectsOf(inner, found, depth);
  } else if (value.type === 'call_expression') {
    for (const argument of value.childForFieldName('arguments')?.namedChildren ?? []) objectsOf(argument, found, depth + 1);
  } else if (FUNCTIONS.has(value.type)) {
    const body = value.childForFieldName('body');
    if (body?.type !== 'statement_block') {
      if (body) objectsOf(body, found, depth + 1);
    } else {
      for (const statement of body.namedChildren) {
        const returned = statement.type === 'return_statement' ? statement.namedChildren.find((child) => child.type !== 'comment') : undefined;
        if (returned) objectsOf(returned, found, depth + 1);
      }
    }
  }
  return found;
}

interface Scope {
  prefix: string;
  exported: boolean;
}

/** Walks the declarations of one file (top level, namespaces, class and interface members). */
export class DeclarationCollector {
  readonly symbols: SymbolRecord[] = [];
  readonly imports: ImportFact[] = [];
  readonly exportedNames: string[] = [];

  constructor(
    private readonly file: string,
    private readonly source: string,
  ) {}

  statements(parent: Node, scope: Scope): void {
    let doc: Node | null = null;
    for (const node of parent.namedChildren) {
      if (node.type === 'comment') {
        doc = node.text.startsWith('/**') ? node : null;
        continue;
      }
      this.statement(node, scope, doc);
      doc = null;
    }
  }

  /** `exporter`: the `export` statement whose declaration `node` is (its range and hash include the keyword). */
  private statement(node: Node, scope: Scope, doc: Node | null, exporter: Node | null = null): void {
    switch (node.type) {
      case 'export_statement':
        return this.exportStatement(node, scope, doc);
      case 'import_statement':
        return this.importStatement(node);
      case 'ambient_declaration':
      case 'expression_statement':
        for (const child of node.namedChildren) this.statement(child, scope, doc);
        return;
      case 'lexical_declaration':
      case 'variable_declaration':
        for (const declarator of node.namedChildren) if (declarator.type === 'variable_declarator') this.variable(node, declarator, scope, doc, exporter);
        return;
      default:
        if (KIND_OF[node.type]) this.declaration(node, scope, doc, exporter);
    }
  }

  private exportStatement(node: Node, scope: Scope, doc: Node | null): void {
    const declaration = node.childForFieldName('declaration');
    const source = node.childForFieldName('source');
    if (declaration) return this.statement(declaration, { ...scope, exported: true }, doc, node);
    const clause = node.namedChildren.find((child) => child.type === 'export_clause');
    const star = node.namedChildren.find((child) => child.type === 'namespace_export');
    if (source) {
      const bindings = clause ? specifiers(clause, 'export_specifier') : [{ imported: '*', local: star?.lastNamedChild?.text ?? '*' }];
      this.imports.push({ specifier: unquote(source.text), bindings, reexport: true });
    } else if (clause) {
      for (const binding of specifiers(clause, 'export_specifier')) this.exportedNames.push(binding.imported);
    }
  }

  private importStatement(node: Node): void {
    const source = node.childForFieldName('source');
    if (!source) return;
    const bindings: { imported: string; local: string }[] = [];
    const clause = node.namedChildren.find((child) => child.type === 'import_clause');
    for (const part of clause?.namedChildren ?? []) {
      if (part.type === 'identifier') bindings.push({ imported: 'default', local: part.text });
      else if (part.type === 'namespace_import') bindings.push({ imported: '*', local: part.lastNamedChild?.text ?? '*' });
      else if (part.type === 'named_imports') bindings.push(...specifiers(part, 'import_specifier'));
    }
    this.imports.push({ specifier: unquote(source.text), bindings, reexport: false });
  }

  private declaration(node: Node, scope: Scope, doc: Node | null, exporter: Node | null): void {
    const kind = KIND_OF[node.type];
    const name = node.childForFieldName('name')?.text;
    if (!kind || !name) return;
    const body = node.childForFieldName('body');
    const record = this.record(exporter ?? node, name, kind, scope, doc, this.signature(node, kind, body));
    if (kind === 'class' || kind === 'interface') this.members(body, { prefix: `${record.qualifiedName}.`, exported: record.exported });
    if (kind === 'namespace' && body) this.statements(body, { prefix: `${record.qualifiedName}.`, exported: record.exported });
  }

  private members(body: Node | null, scope: Scope): void {
    let doc: Node | null = null;
    for (const member of body?.namedChildren ?? []) {
      if (member.type === 'comment') {
        doc = member.text.startsWith('/**') ? member : null;
        continue;
      }
      const kind = KIND_OF[member.type];
      const name = member.childForFieldName('name')?.text;
      if (kind && name && (kind === 'method' || kind === 'property')) {
        this.record(member, name, kind, scope, doc, this.signature(member, kind, member.childForFieldName('body')));
      }
      doc = null;
    }
  }

  private variable(statement: Node, declarator: Node, scope: Scope, doc: Node | null, exporter: Node | null): void {
    const nameNode = declarator.childForFieldName('name');
    if (nameNode?.type !== 'identifier') return;
    const value = declarator.childForFieldName('value');
    const isFunction = value?.type === 'arrow_function' || value?.type === 'function_expression' || value?.type === 'function';
    const keyword = statement.child(0)?.text ?? 'const';
    const end = isFunction ? (value.childForFieldName('body')?.startIndex ?? value.endIndex) : (value?.startIndex ?? declarator.endIndex);
    const head = `${keyword} ${this.source.slice(declarator.startIndex, end)}`.replace(/\s*=?>?\s*$/, '');
    const signature = isFunction ? `${head} =>` : head.replace(/\s*=$/, '');
    const single = statement.namedChildren.filter((child) => child.type === 'variable_declarator').length === 1;
    const record = this.record(single ? (exporter ?? statement) : declarator, nameNode.text, isFunction ? 'function' : 'variable', scope, doc, signature);
    if (value) for (const object of objectsOf(value)) this.objectMethods(object, { prefix: `${record.qualifiedName}.`, exported: record.exported });
  }

  /**
   * The methods of an object literal a variable holds, as `variable.method` (a service's API, a
   * handler map): methods and function-valued properties with plain names, and those of nested
   * objects as `variable.key.method`. Data properties are left out, so tables add no symbols.
   */
  private objectMethods(object: Node, scope: Scope, depth = 0): void {
    let doc: Node | null = null;
    for (const member of object.namedChildren) {
      if (member.type === 'comment') {
        doc = member.text.startsWith('/**') ? member : null;
        continue;
      }
      const key = member.childForFieldName(member.type === 'pair' ? 'key' : 'name');
      if (key?.type === 'property_identifier') {
        const value = member.type === 'pair' ? member.childForFieldName('value') : null;
        if (member.type === 'method_definition') this.record(member, key.text, 'method', scope, doc, this.signature(member, 'method', member.childForFieldName('body')));
        else if (value && FUNCTIONS.has(value.type)) this.record(member, key.text, 'method', scope, doc, this.source.slice(member.startIndex, value.childForFieldName('body')?.startIndex ?? value.endIndex).trimEnd());
        else if (value?.type === 'object' && depth < MAX_OBJECT_DEPTH) this.objectMethods(value, { ...scope, prefix: `${scope.prefix}${key.text}.` }, depth + 1);
      }
      doc = null;
    }
  }

  private signature(node: Node, kind: SymbolKind, body: Node | null): string {
    const text = node.text;
    if (kind === 'interface' || kind === 'type' || kind === 'enum' || kind === 'property') {
      const lines = text.split('\n');
      return lines.length <= MAX_SIGNATURE_LINES ? text : `${lines.slice(0, MAX_SIGNATURE_LINES).join('\n')}\n  // …`;
    }
    return body ? this.source.slice(node.startIndex, body.startIndex).trimEnd() : text.replace(/;$/, '');
  }

  /** `outer`: the node itself, or the `export` statement around it. */
  private record(outer: Node, name: string, kind: SymbolKind, scope: Scope, doc: Node | null, signature: string): SymbolRecord {
    const qualifiedName = `${scope.prefix}${name}`;
    const end = outer.endIndex;
    const text = this.source.slice(outer.startIndex, end);
    const record: SymbolRecord = {
      id: `${this.file}#${qualifiedName}`,
      name,
      qualifiedName,
      kind,
      file: this.file,
      range: { startLine: outer.startRow + 1, endLine: outer.endRow + 1, start: outer.startIndex, end },
      signature,
      exported: scope.exported,
      hash: hash('sha1', text, 'base64url').slice(0, 16),
      ...(doc ? { doc: parseJsDoc(doc.text) } : {}),
    };
    this.symbols.push(record);
    return record;
  }
}

function specifiers(clause: Node, type: string): { imported: string; local: string }[] {
  return clause.namedChildren
    .filter((child) => child.type === type)
    .map((child) => {
      const imported = child.childForFieldName('name')?.text ?? child.text;
      return { imported, local: child.childForFieldName('alias')?.text ?? imported };
    });
}

const unquote = (text: string): string => text.replace(/^['"`]|['"`]$/g, '');
