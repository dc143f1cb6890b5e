import { execFile } from 'node:child_process';
import { AgentError, AgentErrorCode } from '../errors.js';

/** Runs git in `root`; a failure is an AgentError with git's own words. */
export function git(root: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', [...args], { cwd: root, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (!error) resolve(stdout.trim());
      else reject(new AgentError(AgentErrorCode.git, `git ${args[0] ?? ''} failed: ${(stderr || error.message).trim().split('\n')[0] ?? ''}`, { kind: 'runtime', hint: 'Check that the project is a git repository with user.name and user.email set.', cause: error }));
    });
  });
}

/** A commit message from the change's summary and files. */
export function commitMessage(summary: string, files: readonly string[]): string {
  const subject = (summary.trim().split('\n')[0] || `update ${files.join(', ')}`).replace(/\.$/, '').slice(0, 72);
  return `${subject}\n\nVerified and applied by krepis ai.\nFiles: ${files.join(', ')}\n`;
}
