import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtCli } from '../lib/build.js';
import { median } from '../lib/stats.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');

interface ChildResult {
  ms: number;
  symbols: number;
  edges?: number;
  vectors?: number;
  /** The whole `krepis index` process, start-up and exit included. */
  processMs?: number;
}

function run(args: readonly string[], what: string): Promise<{ stdout: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: repoRoot, env: { ...process.env, JITI_TSCONFIG_PATHS: '1' }, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`${what} failed: ${stderr.trim().slice(-2000) || error.message}`));
      resolve({ stdout, ms: performance.now() - started });
    });
  });
}

/** The floor: tree-sitter alone over the corpus, in a fresh process. */
async function floor(root: string): Promise<ChildResult> {
  const { stdout } = await run(['--import', 'jiti/register', path.join(here, 'coldChild.ts'), 'floor', root], 'the floor run');
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as ChildResult;
}

/** A cold `krepis index --json` as users run it (the built CLI); `ms` is the update the report times. */
async function index(cli: string, root: string): Promise<ChildResult> {
  const { stdout, ms } = await run([cli, 'index', root, '--json'], '`krepis index`');
  const report = JSON.parse(stdout) as { ms: number; symbols: number; edges: number; vectors: number };
  return { ms: report.ms, symbols: report.symbols, edges: report.edges, vectors: report.vectors, processMs: ms };
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
  const cli = await builtCli(log);
  const samples: { ms: number; floorMs: number; result: ChildResult }[] = [];
  for (let round = 1; round <= rounds; round++) {
    const base = await floor(root);
    await rm(path.join(root, '.krepis'), { recursive: true, force: true, maxRetries: 10 });
    const result = await index(cli, root);
    samples.push({ ms: result.ms, floorMs: base.ms, result });
    log(`  round ${round}/${rounds}: cold index ${Math.round(result.ms)} ms (krepis index process ${Math.round(result.processMs ?? 0)} ms), floor ${Math.round(base.ms)} ms → ${(result.ms / base.ms).toFixed(2)}×`);
  }
  const last = samples.at(-1)!.result;
  const ms = median(samples.map((sample) => sample.ms));
  return {
    ms: Math.round(ms),
    floorMs: Math.round(median(samples.map((sample) => sample.floorMs))),
    processMs: Math.round(median(samples.map((sample) => sample.result.processMs ?? 0))),
    ratioToFloor: +median(samples.map((sample) => sample.ms / sample.floorMs)).toFixed(2),
    symbolsPerSecond: Math.round(last.symbols / (ms / 1000)),
    symbols: last.symbols,
    edges: last.edges ?? 0,
    vectors: last.vectors ?? 0,
    rounds: samples.map((sample) => ({ ms: Math.round(sample.ms), floorMs: Math.round(sample.floorMs), processMs: Math.round(sample.result.processMs ?? 0) })),
  };
}
