/**
 * Twin overhead (`JITI_TSCONFIG_PATHS=1 npm run bench -- twin-overhead [rounds]`): the same app code
 * run once under the twin (one schedule, virtual ports) vs directly on the kernel's in-memory
 * `MemoryStorage` adapter with native promises. Target: ≤ 3×.
 *
 * Both sides are warmed up first, then measured in interleaved rounds (direct, twin, twin with
 * state counting, in turn) so that load from other processes hits all of them alike; the ratio is
 * taken between medians.
 */
import { defineScenario, MemoryStorage, type Ports, type Scenario } from '@krepis/kernel';
import { randomChooser } from '../src/twin/explore/choosers.js';
import { runSchedule } from '../src/twin/explore/runOnce.js';
import type { Benchmark } from './types.js';

const OPS = 2_000;
const WARMUP_ROUNDS = 5;
const enc = (n: number) => new TextEncoder().encode(String(n));
const dec = (bytes: Uint8Array | undefined) => Number(new TextDecoder().decode(bytes));

/** The app: an account service doing compare-and-set credits. */
async function credits(ports: Pick<Ports, 'storage'>, account: string): Promise<void> {
  for (let i = 0; i < OPS; i++) {
    const current = await ports.storage.get('t', account);
    await ports.storage.put('t', account, enc(dec(current?.value) + 1), { ifVersion: current?.version ?? 0 });
  }
}

/** The kernel's production in-memory storage adapter with native promises: the floor. */
function directStorage(): Pick<Ports, 'storage'> {
  return { storage: new MemoryStorage() };
}

const scenario: Scenario = defineScenario({
  name: 'credits',
  setup: ({ ports }) => ports,
  actors: { a: ({ app }) => credits(app, 'a'), b: ({ app }) => credits(app, 'b') },
  maxSteps: 1_000_000,
}) as Scenario;

const contenders = {
  direct: async () => {
    const ports = directStorage();
    await Promise.all([credits(ports, 'a'), credits(ports, 'b')]);
  },
  // A plain run: one schedule, every detector on, no trace and no state counting (exploration counts states).
  twin: () => runSchedule(scenario, 1, randomChooser(1), false, false, false),
  counted: () => runSchedule(scenario, 1, randomChooser(1), false, false, true),
} satisfies Record<string, () => Promise<unknown>>;

type Name = keyof typeof contenders;

async function timeOnce(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

/** Interleaved rounds after a warm-up: every contender once per round, medians per contender. */
async function measure(rounds: number): Promise<Record<Name, number>> {
  const names = Object.keys(contenders) as Name[];
  for (let i = 0; i < WARMUP_ROUNDS; i++) for (const name of names) await contenders[name]();
  const samples: Record<Name, number[]> = { direct: [], twin: [], counted: [] };
  for (let i = 0; i < rounds; i++) for (const name of names) samples[name].push(await timeOnce(contenders[name]));
  return { direct: median(samples.direct), twin: median(samples.twin), counted: median(samples.counted) };
}

const bench: Benchmark = async ({ log, args }) => {
  const rounds = Number(args[0] ?? 15);
  const { direct, twin, counted } = await measure(rounds);
  const ratio = twin / direct;
  log(`${rounds} interleaved rounds after ${WARMUP_ROUNDS} warm-up rounds, medians:`);
  log(`with state counting (as while exploring): ${counted.toFixed(2)} ms → ${(counted / direct).toFixed(1)}×`);
  log(`direct ${direct.toFixed(2)} ms vs twin ${twin.toFixed(2)} ms for ${4 * OPS} port calls → ${ratio.toFixed(2)}× (twin: ${(twin * 1000 / (4 * OPS)).toFixed(2)} µs per scheduling point)`);
  return {
    summary: `twin overhead on a plain run: ${ratio.toFixed(2)}× direct (target ≤ 3×) → ${ratio <= 3 ? 'PASS' : 'FAIL'}`,
    figures: { rounds, warmupRounds: WARMUP_ROUNDS, directMs: direct, twinMs: twin, ratio, countingMs: counted, countingRatio: counted / direct, portCalls: 4 * OPS },
    pass: ratio <= 3,
  };
};

export default bench;
