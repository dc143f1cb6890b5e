import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { resolveWorkspacePath } from '../edits/workspacePath.js';
import { AgentError, AgentErrorCode } from '../errors.js';
import type { ProposedChange } from '../types.js';
import { writeAllOrNothing } from './atomicWrite.js';
import { commitMessage, git } from './git.js';

export interface ApplyOptions {
  /** Also `git commit` the files. Default false. */
  commit?: boolean;
  /** Commit message. Default: generated from the change's summary. */
  message?: string;
  /** Krepis state folder, relative to the root. Default `.krepis`. */
  stateDir?: string;
}

export interface AppliedChange {
  files: string[];
  /** The commit made, with `commit: true`. */
  commit?: string;
  /** Where the undo record was written. */
  undoFile: string;
}

/** What `krepis undo` needs: every file's content before and after. */
export interface UndoRecord {
  version: 1;
  appliedAt: string;
  summary: string;
  files: { path: string; before: string | null; after: string }[];
  commit?: string;
}

export const undoFileOf = (root: string, stateDir = '.krepis'): string => path.join(root, stateDir, 'undo', 'last.json');

const currentContent = (abs: string): string | null => (existsSync(abs) ? readFileSync(abs, 'utf8') : null);

/**
 * Writes a verified change into the workspace atomically (all files or none), after checking that
 * nobody changed those files since the change was made; records what `krepis undo` needs.
 */
export async function applyChange(change: ProposedChange, root: string, options: ApplyOptions = {}): Promise<AppliedChange> {
  const writes = change.files.map((file) => {
    const target = resolveWorkspacePath(root, file.path);
    if (!target.ok) throw new AgentError(AgentErrorCode.outsideWorkspace, `Refusing to write ${file.path}: ${target.reason}.`, { kind: 'usage', hint: 'Only files inside the project are ever written.' });
    if (currentContent(target.abs) !== file.before) throw new AgentError(AgentErrorCode.conflict, `${file.path} changed on disk since the change was verified.`, { kind: 'usage', hint: 'Run krepis ai again so the change is made against the current files.' });
    return { abs: target.abs, content: file.after };
  });
  const undoFile = undoFileOf(root, options.stateDir);
  const record: UndoRecord = { version: 1, appliedAt: new Date().toISOString(), summary: change.summary, files: change.files.map(({ path: rel, before, after }) => ({ path: rel, before, after })) };
  await writeAllOrNothing(writes);
  const files = change.files.map((file) => file.path);
  let commit: string | undefined;
  if (options.commit) {
    await git(root, ['add', '--', ...files]);
    await git(root, ['commit', '-m', options.message ?? commitMessage(change.summary, files), '--', ...files]);
    commit = await git(root, ['rev-parse', 'HEAD']);
  }
  await mkdir(path.dirname(undoFile), { recursive: true });
  await writeFile(undoFile, `${JSON.stringify({ ...record, ...(commit ? { commit } : {}) }, null, 2)}\n`);
  return { files, undoFile, ...(commit ? { commit } : {}) };
}
