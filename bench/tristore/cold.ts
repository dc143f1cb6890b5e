import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtCli, krepisIndex, type IndexRun } from '../lib/build.js';
import { median } from '../lib/stats.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');

/** The floor: tree-sitter alone over the corpus, in a fresh process. Returns ms. */
function floor(root: string): Promise<number> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'jiti/register', path.join(here, 'coldChild.ts'), 'floor', root], { cwd: repoRoot, env: { ...process.env, JITI_TSCONFIG_PATHS: '1' } }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`the floor run failed: ${stderr.trim().slice(-2000) || error.message}`));
      resolve((JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { ms: number }).ms);
    });
  });
}

/** What {@link measureCold} reports: medians over interleaved rounds, and every round. */
export interface ColdFigures {
  ms: number;
  floorMs: number;
  /** Median wall time of the whole `krepis index` process (start-up, opening the stores, exit). */
  processMs: number;
  /** Median of the per-round ratios (each round's index time over the floor measured right before it). */
  ratioToFloor: number;
  symbolsPerSecond: number;
  symbols: number;
  edges: number;
  vectors: number;
  rounds: { ms: number; floorMs: number; processMs: number }[];
}

/**
 * Cold index vs the tree-sitter floor in interleaved rounds, each run in a fresh process: floor,
 * then `krepis index` (the built CLI) on an empty store, `rounds` times. Leaves the last round's
 * store in place.
 */
export async function measureCold(root: string, rounds: number, log: (line: string) => void): Promise<ColdFigures> {
  // Built before the first round, so that no build runs between a floor and its index.
  await builtCli(log);
  const samples: { floorMs: number; run: IndexRun }[] = [];
  for (let round = 1; round <= rounds; round++) {
    const floorMs = await floor(root);
    await rm(path.join(root, '.krepis'), { recursive: true, force: true, maxRetries: 10 });
    const run = await krepisIndex(root, log);
    samples.push({ floorMs, run });
    log(`  round ${round}/${rounds}: cold index ${run.report.ms} ms (krepis index process ${Math.round(run.processMs)} ms), floor ${Math.round(floorMs)} ms → ${(run.report.ms / floorMs).toFixed(2)}×`);
  }
  const last = samples.at(-1)!.run.report;
  const ms = median(samples.map((sample) => sample.run.report.ms));
  return {
    ms: Math.round(ms),
    floorMs: Math.round(median(samples.map((sample) => sample.floorMs))),
    processMs: Math.round(median(samples.map((sample) => sample.run.processMs))),
    ratioToFloor: +median(samples.map((sample) => sample.run.report.ms / sample.floorMs)).toFixed(2),
    symbolsPerSecond: Math.round(last.symbols / (ms / 1000)),
    symbols: last.symbols,
    edges: last.edges,
    vectors: last.vectors,
    rounds: samples.map((sample) => ({ ms: sample.run.report.ms, floorMs: Math.round(sample.floorMs), processMs: Math.round(sample.run.processMs) })),
  };
}
