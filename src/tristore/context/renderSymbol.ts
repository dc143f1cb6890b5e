import type { DocComment, SymbolRecord } from '../types.js';

function docLines(doc: DocComment): string[] {
  const lines = doc.summary ? doc.summary.split('\n') : [];
  for (const param of doc.params) lines.push(`@param ${param.name}${param.text ? ` - ${param.text}` : ''}`);
  if (doc.returns) lines.push(`@returns ${doc.returns}`);
  for (const thrown of doc.throws) lines.push(`@throws ${thrown}`);
  if (doc.deprecated !== undefined) lines.push(`@deprecated ${doc.deprecated}`.trimEnd());
  for (const [tag, values] of Object.entries(doc.tags)) for (const value of values) lines.push(`@${tag} ${value}`.trimEnd());
  for (const see of doc.see) lines.push(`@see ${see}`);
  return lines;
}

/** The symbol's JSDoc (or its shadow summary, marked as such) as a comment block. */
export function renderDoc(symbol: SymbolRecord): string {
  const lines = symbol.doc ? docLines(symbol.doc) : symbol.shadow ? [`(summary written by Krepis) ${symbol.shadow.summary}`, ...(symbol.shadow.tags.length > 0 ? [`tags: ${symbol.shadow.tags.join(', ')}`] : [])] : [];
  if (lines.length === 0) return '';
  return `/**\n${lines.flatMap((line) => line.split('\n')).map((line) => ` * ${line}`.trimEnd()).join('\n')}\n */\n`;
}

const header = (symbol: SymbolRecord) => `// ${symbol.file}:${symbol.range.startLine}-${symbol.range.endLine}\n`;

const memberLines = (members: readonly SymbolRecord[], prefix: string): string =>
  members
    .map((member) => `${renderDoc(member)}${member.qualifiedName.slice(prefix.length, -member.name.length)}${member.signature};`.replace(/;;$/, ';'))
    .join('\n')
    .replace(/^/gm, '  ');

/**
 * Caller mode: what a user of the symbol needs (JSDoc + signature; a class or interface lists its
 * members' signatures, a variable the methods of the object literal it holds, nested keys as `key.`).
 */
export function renderCaller(symbol: SymbolRecord, members: readonly SymbolRecord[]): string {
  const prefix = `${symbol.qualifiedName}.`;
  let body = symbol.signature;
  if ((symbol.kind === 'class' || symbol.kind === 'interface') && members.length > 0 && !symbol.signature.includes('{')) {
    body = `${symbol.signature} {\n${memberLines(members, prefix)}\n}`;
  } else if (symbol.kind === 'variable' && members.length > 0) {
    body = `${symbol.signature}\n// methods of the object literal it holds:\n${memberLines(members, prefix)}`;
  } else if (symbol.kind === 'function' || symbol.kind === 'method') body = `${symbol.signature};`;
  return `${header(symbol)}${renderDoc(symbol)}${body}`;
}

/** Implementer mode: the full source of the declaration. */
export function renderImplementer(symbol: SymbolRecord, source: string): string {
  return `${header(symbol)}${renderDoc(symbol)}${source.slice(symbol.range.start, symbol.range.end)}`;
}

/** The parts of a test file that mention any of `names`, with some context, joined by `// …`. */
export function renderTestExcerpt(file: string, source: string, names: readonly string[], radius = 6): string {
  const lines = source.split('\n');
  const wanted = names.filter((name) => name.length > 0);
  const keep = new Set<number>();
  lines.forEach((line, index) => {
    if (!wanted.some((name) => line.includes(name))) return;
    for (let offset = -radius; offset <= radius; offset++) if (index + offset >= 0 && index + offset < lines.length) keep.add(index + offset);
  });
  const ordered = [...keep].sort((a, b) => a - b);
  const parts: string[] = [];
  ordered.forEach((line, position) => {
    if (position > 0 && line !== (ordered[position - 1] ?? 0) + 1) parts.push('// …');
    parts.push(lines[line] ?? '');
  });
  return `// ${file} (test)\n${parts.join('\n')}`;
}
