/**
 * The bug catalogue, twin vs fast-check's `fc.scheduler` on the same reproductions
 * (`JITI_TSCONFIG_PATHS=1 npm run bench -- twin-catalogue`): runs until the first failure, per bug,
 * over several seeds, measured in the same process.
 */
import fc from 'fast-check';
import { catalogue } from '../src/twin/catalogue/index.js';
import { verifyScenario } from '../src/twin/index.js';
import type { ExplorationStrategy } from '../src/twin/index.js';
import { runUnderFastCheck } from './twin/fastCheckPorts.js';
import type { Benchmark } from './types.js';

const MAX_RUNS = 2000;
const SEEDS = [1, 2, 3, 4, 5];

async function fastCheckRunsToFailure(entry: (typeof catalogue)[number], seed: number): Promise<number | undefined> {
  let runs = 0;
  let failedAt: number | undefined;
  try {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), async (s) => {
        runs++;
        const failure = await runUnderFastCheck(entry.buggy, s);
        if (failure !== undefined && failedAt === undefined) failedAt = runs;
        return failure === undefined;
      }),
      { numRuns: MAX_RUNS, seed, endOnFailure: true },
    );
  } catch {
    // fc.assert throws on the failure we were looking for
  }
  return failedAt;
}

async function twinRunsToFailure(entry: (typeof catalogue)[number], strategy: ExplorationStrategy, seed: number): Promise<number | undefined> {
  const report = await verifyScenario(entry.buggy, { strategy, seed, budget: MAX_RUNS });
  return report.violations.some((violation) => violation.kind === entry.expect) ? report.schedules : undefined;
}

const mean = (values: (number | undefined)[]) => {
  const found = values.filter((value): value is number => value !== undefined);
  return found.length === 0 ? undefined : found.reduce((a, b) => a + b, 0) / found.length;
};
const show = (value: number | undefined) => (value === undefined ? 'not found' : value.toFixed(1));

const bench: Benchmark = async ({ log }) => {
  const figures: Record<string, unknown> = {};
  let twinFound = 0;
  let fcFound = 0;
  for (const entry of catalogue) {
    const strategy: ExplorationStrategy = entry.buggy.chaos ? 'random' : 'dpor';
    const twinRandom = await Promise.all(SEEDS.map((seed) => twinRunsToFailure(entry, 'random', seed)));
    const twinSystematic = strategy === 'dpor' ? await twinRunsToFailure(entry, 'dpor', 1) : undefined;
    const fast = entry.fastCheck ? await Promise.all(SEEDS.map((seed) => fastCheckRunsToFailure(entry, seed))) : [];
    const twinBest = strategy === 'dpor' ? twinSystematic : mean(twinRandom);
    if (twinBest !== undefined) twinFound++;
    if (mean(fast) !== undefined) fcFound++;
    log(`${entry.id.padEnd(20)} twin ${strategy === 'dpor' ? `dpor ${show(twinSystematic)}, ` : ''}random ${show(mean(twinRandom))} runs · fast-check ${entry.fastCheck ? `${show(mean(fast))} runs (${fast.filter((v) => v !== undefined).length}/${SEEDS.length} seeds)` : 'cannot observe it (no memory, timing or crash model)'}`);
    figures[entry.id] = { twinDpor: twinSystematic, twinRandom, fastCheck: entry.fastCheck ? fast : 'n/a' };
  }
  const pass = twinFound === catalogue.length;
  return { summary: `catalogue: twin found ${twinFound}/${catalogue.length} bugs, fast-check's scheduler ${fcFound}/${catalogue.length} (runs to first failure per bug above) → ${pass ? 'PASS' : 'FAIL'}`, figures, pass };
};

export default bench;
