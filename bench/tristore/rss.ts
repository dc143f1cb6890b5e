import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { krepisIndex } from '../lib/build.js';
import { sourceFiles } from './corpus.js';

const FILES = 5000;
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
    log(`  rss: ${FILES} files written to ${root}; running krepis index on them`);
    const { report, stderr, processMs } = await krepisIndex(root, log, ['--require', reportMaxRss]);
    const last = stderr.trim().split('\n').at(-1) ?? '';
    if (!last.startsWith('{')) throw new Error(`krepis index printed no peak RSS: ${stderr.trim().slice(-2000)}`);
    const { maxRssKiB } = JSON.parse(last) as { maxRssKiB: number };
    return { files: report.files.total, symbols: report.symbols, maxRssMiB: Math.round(maxRssKiB / 1024), ms: Math.round(processMs) };
  } finally {
    await rm(root, { recursive: true, force: true, maxRetries: 10 });
  }
}
