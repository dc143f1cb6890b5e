import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type Parser from 'tree-sitter';
import type Grammars from 'tree-sitter-typescript';

const require = createRequire(import.meta.url);

/** The floor: read every file and parse it with tree-sitter, nothing else. Returns ms. */
export async function treeSitterFloor(files: readonly string[]): Promise<number> {
  const TreeSitter = require('tree-sitter') as typeof Parser;
  const grammars = require('tree-sitter-typescript') as typeof Grammars;
  const parser = new TreeSitter();
  parser.setLanguage(grammars.typescript);
  const started = performance.now();
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    parser.parse(text, undefined, { bufferSize: Math.max(32 * 1024, text.length + 1) });
  }
  return performance.now() - started;
}
