import { spawn } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sourceFiles } from './corpus.js';

const FILES = 5000;
const repo = fileURLToPath(new URL('../..', import.meta.url));
const child = path.join(repo, 'src/tristore/testing/indexChild.ts');

/** Indexes a 5,000-file project (the corpus copied over and over) in a child process and reads its peak RSS. */
export async function measureRss(corpusRoot: string, log: (line: string) => void): Promise<{ files: number; symbols: number; maxRssMiB: number; ms: number }> {
  const files = await sourceFiles(corpusRoot, 256 * 1024);
  const root = await mkdtemp(path.join(tmpdir(), 'krepis-bench-5000-'));
  try {
    for (let index = 0; index < FILES; index++) {
      const source = files[index % files.length] ?? '';
      await cp(source, path.join(root, `copy${Math.floor(index / files.length)}`, path.relative(corpusRoot, source)));
    }
    log(`  rss: ${FILES} files written to ${root}; indexing in a child process`);
    const started = performance.now();
    const result = await new Promise<{ symbols: number; files: number; maxRssKiB: number }>((resolve, reject) => {
      const proc = spawn(process.execPath, ['--import', 'jiti/register', child, root], { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'] });
      let last = '';
      proc.stdout.on('data', (chunk: Buffer) => (last = (last + chunk.toString()).split('\n').slice(-2).join('\n')));
      proc.on('error', reject);
      proc.on('exit', (code) => {
        const line = last.split('\n').find((entry) => entry.includes('"finished"'));
        if (code !== 0 || !line) reject(new Error(`index child exited with ${code}`));
        else resolve(JSON.parse(line) as { symbols: number; files: number; maxRssKiB: number });
      });
    });
    return { files: result.files, symbols: result.symbols, maxRssMiB: Math.round(result.maxRssKiB / 1024), ms: Math.round(performance.now() - started) };
  } finally {
    await rm(root, { recursive: true, force: true, maxRetries: 10 });
  }
}
