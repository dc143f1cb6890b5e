import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { BatchError, BatchErrorCode } from './errors.js';

const exec = promisify(execFile);

const identity = (env: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({
  ...env,
  GIT_AUTHOR_NAME: env.GIT_AUTHOR_NAME ?? 'Krepis',
  GIT_AUTHOR_EMAIL: env.GIT_AUTHOR_EMAIL ?? 'krepis@localhost',
  GIT_COMMITTER_NAME: env.GIT_COMMITTER_NAME ?? 'Krepis',
  GIT_COMMITTER_EMAIL: env.GIT_COMMITTER_EMAIL ?? 'krepis@localhost',
});

/** Runs git in `cwd`; a failure becomes a BatchError with git's own message. */
export async function git(cwd: string, args: readonly string[]): Promise<string> {
  try {
    const { stdout } = await exec('git', ['-C', cwd, ...args], { env: identity(process.env), maxBuffer: 64 * 1024 * 1024 });
    return stdout.trim();
  } catch (cause) {
    const stderr = (cause as { stderr?: string }).stderr?.trim() ?? (cause as Error).message;
    throw new BatchError(BatchErrorCode.git, `git ${args[0] ?? ''} failed: ${stderr.split('\n')[0]}`, { hint: 'Check that the project is a git repository with a clean index.', cause });
  }
}

/**
 * The trailer that marks an item's commit, so a resumed job never commits one run of an item
 * twice (a run that redoes the item, after a conflict, gets its own).
 */
export const itemTrailer = (jobId: string, itemId: string, run: number): string => `Krepis-Batch-Item: ${jobId}/${itemId} (run ${run})`;

/** Commits `paths` for one run of an item, unless a commit with its trailer already exists. Returns the commit hash. */
export async function commitItem(root: string, paths: readonly string[], subject: string, item: { jobId: string; itemId: string; run: number }): Promise<string> {
  const trailer = itemTrailer(item.jobId, item.itemId, item.run);
  const existing = await git(root, ['log', '-1', '--format=%H', '--fixed-strings', `--grep=${trailer}`]);
  if (existing !== '') return existing;
  await git(root, ['add', '-A', '--', ...paths]);
  await git(root, ['commit', '--allow-empty', '--no-verify', '-m', subject, '-m', trailer, '--', ...paths]);
  return git(root, ['rev-parse', 'HEAD']);
}

/** Creates (or reuses, or re-creates on resume after it was removed) the worktree of a `branch` job on branch `krepis/batch/<id>`. */
export async function ensureWorktree(root: string, dir: string, jobId: string): Promise<string> {
  const branch = `krepis/batch/${jobId}`;
  const list = await git(root, ['worktree', 'list', '--porcelain']);
  if (list.split('\n').includes(`worktree ${dir}`) && existsSync(dir)) return branch;
  await git(root, ['worktree', 'prune']);
  const exists = await git(root, ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`]).then(() => true, () => false);
  await git(root, exists ? ['worktree', 'add', dir, branch] : ['worktree', 'add', '-b', branch, dir, 'HEAD']);
  return branch;
}

/** Refuses a committing job outside a git work tree before anything is queued or written. */
export async function assertGitRepo(root: string, mode: string): Promise<void> {
  try {
    await git(root, ['rev-parse', '--verify', 'HEAD']);
  } catch (cause) {
    throw new BatchError(BatchErrorCode.git, `Apply mode \`${mode}\` needs a git repository with at least one commit at ${root}`, { kind: 'usage', hint: 'Run `git init` and commit, or use `--apply apply` / `report`.', cause });
  }
}
