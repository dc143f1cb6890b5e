import type { Overlay } from '../overlay/Overlay.js';
import type { Issue } from '../types.js';
import type { Edit } from './editSchema.js';
import { locateSymbol } from './locateSymbol.js';
import { isTestFile, protectedReason, unverifiableReason } from './protectedPaths.js';
import { resolveWorkspacePath } from './workspacePath.js';

export interface ApplyEditsResult {
  /** Edits that could not land, with why; nothing of a refused edit reaches the overlay. */
  issues: Issue[];
  /** Test files the edits touched (only possible when test edits are allowed). */
  testFiles: string[];
}

const startsWithExport = (code: string): boolean => /^(\/\*\*[\s\S]*?\*\/\s*)?export\b/.test(code.trimStart());

function upsertSymbol(current: string, rel: string, symbol: string, code: string): string {
  const range = locateSymbol(rel, current, symbol, code.trimStart().startsWith('/**'));
  if (!range) return `${current.replace(/\s*$/, '')}${current.trim() === '' ? '' : '\n\n'}${code.trim()}\n`;
  if (!range.found) return `${current.slice(0, range.insertAt).replace(/\s*$/, '')}\n\n  ${code.trim()}\n${current.slice(range.insertAt).replace(/^[ \t]*\n?/, '')}`;
  const keepExport = range.exported && !symbol.includes('.') && !startsWithExport(code);
  const replacement = `${keepExport ? 'export ' : ''}${code.trim()}`;
  return current.slice(0, range.start) + replacement + current.slice(range.end);
}

/** Applies whole-unit edits to the overlay, refusing any that leave the workspace or touch protected files. */
export function applyEdits(overlay: Overlay, edits: readonly Edit[], allowTestEdits: boolean): ApplyEditsResult {
  const issues: Issue[] = [];
  const testFiles = new Set<string>();
  for (const edit of edits) {
    const target = resolveWorkspacePath(overlay.root, edit.file);
    if (!target.ok) {
      issues.push({ file: edit.file, line: 0, message: `edit refused: ${target.reason}` });
      continue;
    }
    const refusal = unverifiableReason(target.rel) ?? protectedReason(target.rel, allowTestEdits);
    if (refusal) {
      issues.push({ file: target.rel, line: 0, message: `edit refused: ${refusal}` });
      continue;
    }
    const current = overlay.read(target.rel);
    if (edit.kind === 'file' && edit.code.trim() === '' && current !== null && current.trim() !== '') {
      issues.push({ file: target.rel, line: 0, message: 'edit refused: emptying a whole file is not a change Krepis makes; replace the symbols that must change' });
      continue;
    }
    if (isTestFile(target.rel)) testFiles.add(target.rel);
    switch (edit.kind) {
      case 'file':
        overlay.write(target.rel, edit.code.endsWith('\n') ? edit.code : `${edit.code}\n`);
        break;
      case 'symbol':
        overlay.write(target.rel, upsertSymbol(current ?? '', target.rel, edit.symbol, edit.code));
        break;
      default:
        edit satisfies never;
    }
  }
  return { issues, testFiles: [...testFiles].sort() };
}
