import { BatchError, BatchErrorCode } from './errors.js';
import { commitItem } from './git.js';
import type { ChangeApplier } from './runJob.js';
import type { ApplyMode, BatchItem } from './types.js';
import { writeChange } from './writeChange.js';

const subject = (instruction: string, item: BatchItem): string => {
  const what = item.target.kind === 'symbol' ? `${item.target.symbol} (${item.target.file})` : item.target.file;
  const line = `krepis batch: ${instruction.split('\n')[0] ?? ''}`;
  return `${line.length > 60 ? `${line.slice(0, 57)}...` : line} — ${what}`;
};

/** One git commit at a time: concurrent commits in one repository would race for its index lock. */
function serialized(apply: ChangeApplier): ChangeApplier {
  let tail: Promise<unknown> = Promise.resolve();
  return (item, change) => {
    const next = tail.then(() => apply(item, change));
    tail = next.catch(() => undefined);
    return next;
  };
}

/**
 * The applier for a job's mode, or `undefined` in `report` mode (verified is then final).
 * `apply` writes files; `commit-per-item` also commits each item; `branch` does the same inside
 * the job's worktree (its own branch), so the user's checkout never changes.
 */
export function createApplier(mode: ApplyMode, options: { workRoot: string; jobId: string; instruction: string }): ChangeApplier | undefined {
  switch (mode) {
    case 'report':
      return undefined;
    case 'apply':
      return async (_item, change) => {
        const result = await writeChange(options.workRoot, change);
        return result.ok ? { ok: true } : result;
      };
    case 'commit-per-item':
    case 'branch':
      return serialized(async (item, change) => {
        const result = await writeChange(options.workRoot, change);
        if (!result.ok) return result;
        const paths = change.files.map((file) => file.path);
        try {
          return { ok: true, commit: await commitItem(options.workRoot, paths, subject(options.instruction, item), { jobId: options.jobId, itemId: item.id, run: item.runs }) };
        } catch (cause) {
          const why = cause instanceof Error ? cause.message : String(cause);
          throw new BatchError(BatchErrorCode.git, `the change was written to ${paths.join(', ')} but not committed: ${why}`, { hint: 'Commit or revert those files by hand; the item stays failed.', cause });
        }
      });
    default:
      return mode satisfies never;
  }
}
