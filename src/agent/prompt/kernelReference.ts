import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ts } from 'ts-morph';

export interface KernelExample {
  name: string;
  summary: string;
  example: string;
}

/** The kernel package folder: the project's own install first, else the one Krepis ships with. */
function kernelDir(projectRoot: string): string | undefined {
  const local = path.join(projectRoot, 'node_modules', '@krepis', 'kernel');
  if (existsSync(path.join(local, 'package.json'))) return local;
  try {
    let dir = path.dirname(fileURLToPath(import.meta.resolve('@krepis/kernel')));
    while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
    return dir;
  } catch {
    return undefined;
  }
}

/** Kernel sources with TSDoc: src/*.ts when shipped, else the .d.ts files in dist/. */
function kernelFiles(dir: string): string[] {
  const src = path.join(dir, 'src');
  const base = existsSync(src) ? src : path.join(dir, 'dist');
  if (!existsSync(base)) return [];
  return readdirSync(base, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(d\.)?ts$/.test(file) && !/\.(test|spec)\.ts$/.test(file) && (base === src ? !file.endsWith('.d.ts') : file.endsWith('.d.ts')))
    .sort()
    .map((file) => path.join(base, file));
}

const commentText = (comment: string | ts.NodeArray<ts.JSDocComment> | undefined): string => (typeof comment === 'string' ? comment : (comment ?? []).map((part) => part.text).join(''));

function examplesIn(file: string): KernelExample[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: KernelExample[] = [];
  const visit = (node: ts.Node): void => {
    for (const doc of ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc)) {
      const name = (node as { name?: ts.Node }).name?.getText(source);
      for (const tag of doc.tags ?? []) {
        if (tag.tagName.text !== 'example' || !name) continue;
        const example = commentText(tag.comment).replace(/^```\w*\n?|```\s*$/gm, '').trim();
        if (example) found.push({ name, summary: commentText(doc.comment).split('\n\n')[0]?.replace(/\s+/g, ' ').trim() ?? '', example });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const cache = new Map<string, KernelExample[]>();

/** Every `@example` in the kernel's TSDoc, in file order: what the model is shown of the kernel. */
export function kernelExamples(projectRoot: string): KernelExample[] {
  const dir = kernelDir(projectRoot);
  if (!dir) return [];
  let examples = cache.get(dir);
  if (!examples) {
    examples = kernelFiles(dir).flatMap(examplesIn);
    cache.set(dir, examples);
  }
  return examples;
}

/** What generated code needs most: the app model first, then the ports, then the rest in file order. */
const PRIORITY: readonly RegExp[] = [/^define/, /^createApp$/, /^(Ports|Clock|Random|Storage|Locks|Net|Logger|JournalStore)$/, /Error$/];
const rank = (name: string): number => {
  const index = PRIORITY.findIndex((pattern) => pattern.test(name));
  return index === -1 ? PRIORITY.length : index;
};

/** The reference as prompt text, within `maxChars`; what did not fit is named, never dropped silently. */
export function renderKernelReference(examples: readonly KernelExample[], maxChars: number): { text: string; omitted: string[] } {
  const parts: string[] = [];
  const omitted: string[] = [];
  let used = 0;
  const ordered = examples.map((example, index) => ({ example, index })).sort((a, b) => rank(a.example.name) - rank(b.example.name) || a.index - b.index).map(({ example }) => example);
  for (const example of ordered) {
    const part = `## ${example.name}\n${example.summary ? `${example.summary}\n` : ''}\`\`\`ts\n${example.example}\n\`\`\``;
    if (used + part.length > maxChars) omitted.push(example.name);
    else {
      parts.push(part);
      used += part.length;
    }
  }
  if (parts.length === 0 && omitted.length === 0) return { text: '(the kernel is not installed in this project)', omitted };
  const tail = omitted.length > 0 ? `\n(left out for space: ${omitted.join(', ')})` : '';
  return { text: `${parts.join('\n\n')}${tail}`, omitted };
}
