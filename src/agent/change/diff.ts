import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import type { FileChange } from '../types.js';

/** A git-style unified diff of every file (`/dev/null` for a new file). */
export function unifiedDiff(files: readonly FileChange[]): string {
  return files
    .map((file) => createTwoFilesPatch(file.before === null ? '/dev/null' : `a/${file.path}`, `b/${file.path}`, file.before ?? '', file.after, undefined, undefined, { context: 3, headerOptions: FILE_HEADERS_ONLY }))
    .join('');
}

export interface DiffColors {
  green(text: string): string;
  red(text: string): string;
  cyan(text: string): string;
  bold(text: string): string;
}

/** Colors a unified diff for the terminal: additions green, removals red, hunks cyan. */
export function colorDiff(diff: string, colors: DiffColors): string {
  return diff
    .split('\n')
    .map((line) => {
      if (line.startsWith('+++') || line.startsWith('---')) return colors.bold(line);
      if (line.startsWith('+')) return colors.green(line);
      if (line.startsWith('-')) return colors.red(line);
      if (line.startsWith('@@')) return colors.cyan(line);
      return line;
    })
    .join('\n');
}

/** Lines added and removed. */
export function diffStats(diff: string): { added: number; removed: number } {
  const lines = diff.split('\n');
  return {
    added: lines.filter((line) => line.startsWith('+') && !line.startsWith('+++')).length,
    removed: lines.filter((line) => line.startsWith('-') && !line.startsWith('---')).length,
  };
}
