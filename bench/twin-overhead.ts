/**
 * Twin overhead (`JITI_TSCONFIG_PATHS=1 npm run bench -- twin-overhead`): the same app code run
 * once under the twin (one schedule, virtual ports) vs directly on the kernel's in-memory
 * `MemoryStorage` adapter with native promises. Target: ≤ 3×.
 */
import { defineScenario, MemoryStorage, type Ports, type Scenario } from '@krepis/kernel';
import { randomChooser } from '../src/twin/explore/choosers.js';
import { runSchedule } from '../src/twin/explore/runOnce.js';
import type { Benchmark } from './types.js';

const OPS = 2_000;
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

async function time(fn: () => Promise<unknown>, rounds: number): Promise<number> {
  await fn();
  const started = performance.now();
  for (let i = 0; i < rounds; i++) await fn();
  return (performance.now() - started) / rounds;
}

const bench: Benchmark = async ({ log }) => {
  const direct = await time(async () => {
    const ports = directStorage();
    await Promise.all([credits(ports, 'a'), credits(ports, 'b')]);
  }, 20);
  // A plain run: one schedule, every detector on, no trace and no state counting (exploration counts states).
  const twin = await time(() => runSchedule(scenario, 1, randomChooser(1), false, false, false), 5);
  const counted = await time(() => runSchedule(scenario, 1, randomChooser(1), false, false, true), 5);
  const ratio = twin / direct;
  log(`with state counting (as while exploring): ${counted.toFixed(2)} ms → ${(counted / direct).toFixed(1)}×`);
  log(`direct ${direct.toFixed(2)} ms vs twin ${twin.toFixed(2)} ms for ${4 * OPS} port calls → ${ratio.toFixed(1)}× (twin: ${(twin * 1000 / (4 * OPS)).toFixed(1)} µs per scheduling point)`);
  return { summary: `twin overhead on a plain run: ${ratio.toFixed(1)}× direct (target ≤ 3×) → ${ratio <= 3 ? 'PASS' : 'FAIL'}`, figures: { directMs: direct, twinMs: twin, ratio, countingMs: counted, countingRatio: counted / direct, portCalls: 4 * OPS }, pass: ratio <= 3 };
};

export default bench;
