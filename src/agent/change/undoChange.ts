import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { resolveWorkspacePath } from '../edits/workspacePath.js';
import { AgentError, AgentErrorCode } from '../errors.js';
import { undoFileOf, type UndoRecord } from './applyChange.js';
import { writeAllOrNothing } from './atomicWrite.js';
import { git } from './git.js';

export interface UndoResult {
  files: string[];
  summary: string;
  /** The revert commit, when the change had been committed. */
  commit?: string;
}

function readRecord(file: string): UndoRecord {
  if (!existsSync(file)) throw new AgentError(AgentErrorCode.nothingToUndo, 'There is no applied change to undo.', { kind: 'usage', hint: 'krepis undo reverts the last change written by krepis ai --apply.' });
  return JSON.parse(readFileSync(file, 'utf8')) as UndoRecord;
}

/**
 * Reverts the last change `applyChange` wrote, all files or none, if they still hold what was
 * written (`force` reverts anyway). A committed change gets a revert commit.
 */
export async function undoLastChange(root: string, options: { force?: boolean; stateDir?: string } = {}): Promise<UndoResult> {
  const undoFile = undoFileOf(root, options.stateDir);
  const record = readRecord(undoFile);
  const writes = record.files.map((file) => {
    const target = resolveWorkspacePath(root, file.path);
    if (!target.ok) throw new AgentError(AgentErrorCode.outsideWorkspace, `The undo record names ${file.path}: ${target.reason}.`, { kind: 'usage' });
    const now = existsSync(target.abs) ? readFileSync(target.abs, 'utf8') : null;
    if (now !== file.after && !options.force) throw new AgentError(AgentErrorCode.undoConflict, `${file.path} was edited after krepis applied the change.`, { kind: 'usage', hint: 'Undo would lose those edits: keep them, or run krepis undo --force.' });
    return { abs: target.abs, content: file.before };
  });
  await writeAllOrNothing(writes);
  const files = record.files.map((file) => file.path);
  let commit: string | undefined;
  if (record.commit) {
    await git(root, ['add', '-A', '--', ...files]);
    await git(root, ['commit', '-m', `Revert "${record.summary.split('\n')[0] ?? 'krepis change'}"\n\nThis reverts commit ${record.commit}.\n`, '--', ...files]);
    commit = await git(root, ['rev-parse', 'HEAD']);
  }
  await rm(undoFile, { force: true });
  return { files, summary: record.summary, ...(commit ? { commit } : {}) };
}
