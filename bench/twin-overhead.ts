/**
 * Twin overhead (`npm run bench -- twin-overhead [rounds=25]`): the same app code
 * run once under the twin (one schedule, virtual ports) vs directly on the kernel's in-memory
 * `MemoryStorage` adapter with native promises. Target: ≤ 3×.
 *
 * Second figure, as users run it: the same app in a `*.twin.ts` file (bench/twin/credits.twin.ts)
 * loaded through the twin's real load path (`loadScenarioFile`: a `node:vm` context, fresh module
 * instance per run) and run plainly, vs that file's own code imported and run directly on
 * `MemoryStorage`. Target: ≤ 3× as well.
 *
 * All contenders are warmed up first, then measured in interleaved rounds (direct, twin, twin with
 * state counting, file direct, file twin, in turn) so that load from other processes hits all of
 * them alike; each ratio is taken between medians.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineScenario, MemoryStorage, type Ports, type Scenario } from '@krepis/kernel';
import { randomChooser } from '../src/twin/explore/choosers.js';
import { runSchedule } from '../src/twin/explore/runOnce.js';
import { loadScenarioFile } from '../src/twin/load/loadScenarioFile.js';
import { credits as fileCredits, CREDITS } from './twin/credits.twin.js';
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

const scenarioFile = path.join(path.dirname(fileURLToPath(import.meta.url)), 'twin', 'credits.twin.ts');
const loaded = loadScenarioFile(scenarioFile);
if (CREDITS !== OPS) throw new Error(`${scenarioFile} does ${CREDITS} credits per actor, this benchmark ${OPS}`);

const contenders = {
  direct: async () => {
    const ports = directStorage();
    await Promise.all([credits(ports, 'a'), credits(ports, 'b')]);
  },
  // A plain run: one schedule, every detector on, no trace and no state counting (exploration counts states).
  twin: () => runSchedule(scenario, 1, randomChooser(1), false, false, false),
  counted: () => runSchedule(scenario, 1, randomChooser(1), false, false, true),
  fileDirect: async () => {
    const ports = directStorage();
    await Promise.all([fileCredits(ports, 'a'), fileCredits(ports, 'b')]);
  },
  // As `krepis verify` runs a file's scenario: a fresh instance of its module graph in the vm context.
  fileTwin: () => runSchedule(() => loaded.instantiate()[0] as Scenario, 1, randomChooser(1), false, false, false),
} satisfies Record<string, () => Promise<unknown>>;

type Name = keyof typeof contenders;

interface Sample {
  wallMs: number;
  /** This process's CPU time (user + system): what other processes' load cannot inflate. */
  cpuMs: number;
}

async function timeOnce(fn: () => Promise<unknown>): Promise<Sample> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await fn();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (used.user + used.system) / 1000 };
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

type Medians = Record<Name, Sample>;

/** Interleaved rounds after a warm-up: every contender once per round, medians per contender. */
async function measure(rounds: number): Promise<Medians> {
  const names = Object.keys(contenders) as Name[];
  for (let i = 0; i < WARMUP_ROUNDS; i++) for (const name of names) await contenders[name]();
  const samples: Record<Name, Sample[]> = { direct: [], twin: [], counted: [], fileDirect: [], fileTwin: [] };
  for (let i = 0; i < rounds; i++) for (const name of names) samples[name].push(await timeOnce(contenders[name]));
  const medianOf = (name: Name): Sample => ({ wallMs: median(samples[name].map((sample) => sample.wallMs)), cpuMs: median(samples[name].map((sample) => sample.cpuMs)) });
  return { direct: medianOf('direct'), twin: medianOf('twin'), counted: medianOf('counted'), fileDirect: medianOf('fileDirect'), fileTwin: medianOf('fileTwin') };
}

const bench: Benchmark = async ({ log, args }) => {
  const rounds = Number(args[0] ?? 25);
  const { direct, twin, counted, fileDirect, fileTwin } = await measure(rounds);
  // The target is on wall time; CPU time is shown too, as a check that others' load did not decide it.
  const ratio = twin.wallMs / direct.wallMs;
  const cpuRatio = twin.cpuMs / direct.cpuMs;
  const fileRatio = fileTwin.wallMs / fileDirect.wallMs;
  const fileCpuRatio = fileTwin.cpuMs / fileDirect.cpuMs;
  log(`${rounds} interleaved rounds after ${WARMUP_ROUNDS} warm-up rounds, medians:`);
  log(`with state counting (as while exploring): ${counted.wallMs.toFixed(2)} ms → ${(counted.wallMs / direct.wallMs).toFixed(1)}×`);
  log(`CPU time: direct ${direct.cpuMs.toFixed(2)} ms vs twin ${twin.cpuMs.toFixed(2)} ms → ${cpuRatio.toFixed(2)}×`);
  log(`direct ${direct.wallMs.toFixed(2)} ms vs twin ${twin.wallMs.toFixed(2)} ms for ${4 * OPS} port calls → ${ratio.toFixed(2)}× (twin: ${(twin.wallMs * 1000 / (4 * OPS)).toFixed(2)} µs per scheduling point)`);
  log(`scenario file through the vm loader: direct ${fileDirect.wallMs.toFixed(2)} ms vs twin ${fileTwin.wallMs.toFixed(2)} ms → ${fileRatio.toFixed(2)}× (CPU time ${fileCpuRatio.toFixed(2)}×; twin: ${(fileTwin.wallMs * 1000 / (4 * OPS)).toFixed(2)} µs per scheduling point)`);
  const pass = ratio <= 3 && fileRatio <= 3;
  return {
    summary: `twin overhead on a plain run: ${ratio.toFixed(2)}× direct, scenario file ${fileRatio.toFixed(2)}× (target ≤ 3×) → ${pass ? 'PASS' : 'FAIL'}`,
    figures: {
      rounds,
      warmupRounds: WARMUP_ROUNDS,
      directMs: direct.wallMs,
      twinMs: twin.wallMs,
      ratio,
      directCpuMs: direct.cpuMs,
      twinCpuMs: twin.cpuMs,
      cpuRatio,
      countingMs: counted.wallMs,
      countingRatio: counted.wallMs / direct.wallMs,
      portCalls: 4 * OPS,
      fileDirectMs: fileDirect.wallMs,
      fileTwinMs: fileTwin.wallMs,
      fileRatio,
      fileDirectCpuMs: fileDirect.cpuMs,
      fileTwinCpuMs: fileTwin.cpuMs,
      fileCpuRatio,
    },
    pass,
  };
};

export default bench;
