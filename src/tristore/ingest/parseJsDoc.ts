import type { DocComment } from '../types.js';

const STANDARD = new Set(['param', 'arg', 'argument', 'returns', 'return', 'throws', 'exception', 'example', 'deprecated', 'see']);

function stripComment(raw: string): string[] {
  const body = raw.replace(/^\/\*\*/, '').replace(/\*\/$/, '');
  return body.split(/\r?\n/).map((line) => line.replace(/^\s*\* ?/, '').replace(/\s+$/, ''));
}

/** Splits the comment's lines into the leading free text and one block per `@tag`. */
function blocks(lines: string[]): { summary: string; tags: { tag: string; text: string }[] } {
  const summary: string[] = [];
  const tags: { tag: string; lines: string[] }[] = [];
  for (const line of lines) {
    const match = /^\s*@(\w+)\s?(.*)$/.exec(line);
    if (match) tags.push({ tag: match[1] ?? '', lines: [match[2] ?? ''] });
    else if (tags.length > 0) tags[tags.length - 1]?.lines.push(line);
    else summary.push(line);
  }
  const join = (parts: string[]) => parts.join('\n').trim();
  return { summary: join(summary), tags: tags.map((entry) => ({ tag: entry.tag, text: join(entry.lines) })) };
}

function parseParam(text: string): { name: string; text: string } {
  const withoutType = text.replace(/^\{[^}]*\}\s*/, '');
  const match = /^\[?([\w$.]+)(?:=[^\]]*)?\]?\s*(?:-\s*)?([\s\S]*)$/.exec(withoutType);
  return { name: match?.[1] ?? withoutType, text: (match?.[2] ?? '').trim() };
}

/**
 * Parses a `/** … *\/` comment into fields: summary, `@param`, `@returns`, `@throws`,
 * `@example`, `@deprecated`, `@see`, and every other tag under `tags`.
 */
export function parseJsDoc(raw: string): DocComment {
  const { summary, tags } = blocks(stripComment(raw));
  const doc: DocComment = { summary, params: [], throws: [], examples: [], see: [], tags: {} };
  for (const { tag, text } of tags) {
    if (tag === 'param' || tag === 'arg' || tag === 'argument') doc.params.push(parseParam(text));
    else if (tag === 'returns' || tag === 'return') doc.returns = text.replace(/^\{[^}]*\}\s*/, '');
    else if (tag === 'throws' || tag === 'exception') doc.throws.push(text);
    else if (tag === 'example') doc.examples.push(text);
    else if (tag === 'deprecated') doc.deprecated = text;
    else if (tag === 'see') doc.see.push(text);
    else if (!STANDARD.has(tag)) (doc.tags[tag] ??= []).push(text);
  }
  return doc;
}
