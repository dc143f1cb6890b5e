import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from '../lib/stats.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');

interface ChildResult {
  ms: number;
  symbols: number;
  edges?: number;
  vectors?: number;
}

function child(mode: 'floor' | 'index', root: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'jiti/register', path.join(here, 'coldChild.ts'), mode, root], { cwd: repoRoot, env: { ...process.env, JITI_TSCONFIG_PATHS: '1' }, maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`cold ${mode} run failed: ${stderr.trim().slice(-2000) || error.message}`));
      resolve(JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as ChildResult);
    });
  });
}

/** What {@link measureCold} reports: medians over interleaved rounds, and every round. */
export interface ColdFigures {
  ms: number;
  floorMs: number;
  /** Median of the per-round ratios (each round's index time over the floor measured right before it). */
  ratioToFloor: number;
  symbolsPerSecond: number;
  symbols: number;
  edges: number;
  vectors: number;
  rounds: { ms: number; floorMs: number }[];
}

/**
 * Cold index vs the tree-sitter floor in interleaved rounds, each run in a fresh process: floor,
 * then a cold index on an empty store, `rounds` times. Leaves the last round's store in place.
 */
export async function measureCold(root: string, rounds: number, log: (line: string) => void): Promise<ColdFigures> {
  const samples: { ms: number; floorMs: number; result: ChildResult }[] = [];
  for (let round = 1; round <= rounds; round++) {
    const floor = await child('floor', root);
    await rm(path.join(root, '.krepis'), { recursive: true, force: true, maxRetries: 10 });
    const result = await child('index', root);
    samples.push({ ms: result.ms, floorMs: floor.ms, result });
    log(`  round ${round}/${rounds}: cold index ${Math.round(result.ms)} ms, floor ${Math.round(floor.ms)} ms → ${(result.ms / floor.ms).toFixed(2)}×`);
  }
  const last = samples.at(-1)!.result;
  const ms = median(samples.map((sample) => sample.ms));
  return {
    ms: Math.round(ms),
    floorMs: Math.round(median(samples.map((sample) => sample.floorMs))),
    ratioToFloor: +median(samples.map((sample) => sample.ms / sample.floorMs)).toFixed(2),
    symbolsPerSecond: Math.round(last.symbols / (ms / 1000)),
    symbols: last.symbols,
    edges: last.edges ?? 0,
    vectors: last.vectors ?? 0,
    rounds: samples.map((sample) => ({ ms: Math.round(sample.ms), floorMs: Math.round(sample.floorMs) })),
  };
}
