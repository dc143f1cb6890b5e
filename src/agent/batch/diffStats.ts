import { diffLines } from 'diff';
import type { DiffStats, ItemChange } from './types.js';

/** Files, lines added and lines removed by a change. */
export function diffStats(change: ItemChange): DiffStats {
  let additions = 0;
  let deletions = 0;
  for (const file of change.files) {
    for (const part of diffLines(file.before ?? '', file.after ?? '')) {
      if (part.added) additions += part.count;
      else if (part.removed) deletions += part.count;
    }
  }
  return { files: change.files.length, additions, deletions };
}
