import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./killableJob.ts', import.meta.url));
/** The repository root, where `--import jiti/register` resolves. */
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * Runs job `id` in a child process and sends it SIGKILL once `killAfter` items are final.
 * Resolves with how many items the child reported final (-1 if it finished before the kill).
 */
export function runAndKill(storeDir: string, id: string, killAfter: number, delayMs = 2): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'jiti/register', script, storeDir, id, String(delayMs)], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let seen = 0;
    let stderr = '';
    let buffer = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        const match = /^progress (\d+)$/.exec(line);
        if (match) seen = Number(match[1]);
        if (seen >= killAfter && child.exitCode === null && !child.killed) child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(seen);
      else if (code === 0) resolve(-1);
      else reject(new Error(`child exited with ${code}: ${stderr}`));
    });
  });
}
