import { spawn } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtCli } from '../lib/build.js';
import { sourceFiles } from './corpus.js';

const FILES = 5000;
const repo = fileURLToPath(new URL('../..', import.meta.url));
const reportMaxRss = fileURLToPath(new URL('../lib/reportMaxRss.cjs', import.meta.url));

/** Indexes a 5,000-file project (the corpus copied over and over) with `krepis index` (the built CLI) and reads its peak RSS. */
export async function measureRss(corpusRoot: string, log: (line: string) => void): Promise<{ files: number; symbols: number; maxRssMiB: number; ms: number }> {
  const files = await sourceFiles(corpusRoot, 256 * 1024);
  const root = await mkdtemp(path.join(tmpdir(), 'krepis-bench-5000-'));
  try {
    for (let index = 0; index < FILES; index++) {
      const source = files[index % files.length] ?? '';
      await cp(source, path.join(root, `copy${Math.floor(index / files.length)}`, path.relative(corpusRoot, source)));
    }
    const cli = await builtCli(log);
    log(`  rss: ${FILES} files written to ${root}; running krepis index on them`);
    const started = performance.now();
    const result = await new Promise<{ symbols: number; files: number; maxRssKiB: number }>((resolve, reject) => {
      const proc = spawn(process.execPath, ['--require', reportMaxRss, cli, 'index', root, '--json'], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      proc.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      proc.on('error', reject);
      proc.on('exit', (code) => {
        const rss = stderr.trim().split('\n').at(-1) ?? '';
        if (code !== 0 || !rss.startsWith('{')) return reject(new Error(`krepis index exited with ${code}: ${stderr.trim().slice(-2000)}`));
        const report = JSON.parse(stdout) as { symbols: number; files: { total: number } };
        resolve({ symbols: report.symbols, files: report.files.total, maxRssKiB: (JSON.parse(rss) as { maxRssKiB: number }).maxRssKiB });
      });
    });
    return { files: result.files, symbols: result.symbols, maxRssMiB: Math.round(result.maxRssKiB / 1024), ms: Math.round(performance.now() - started) };
  } finally {
    await rm(root, { recursive: true, force: true, maxRetries: 10 });
  }
}
