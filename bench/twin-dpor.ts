/**
 * DPOR vs exhaustive search on the same scenarios (`JITI_TSCONFIG_PATHS=1 npm run bench -- twin-dpor`):
 * k independent tasks must take one schedule; conflicting tasks at most 1.5× the number of
 * Mazurkiewicz traces (counted by brute force); DPOR must find every violation kind exhaustive finds.
 */
import { defineScenario, type Ports, type Scenario } from '@krepis/kernel';
import { catalogue } from '../src/twin/catalogue/index.js';
import { exploreAll } from './twin/traces.js';
import type { Benchmark } from './types.js';

const byte = (n: number) => new Uint8Array([n]);
type Op = (ports: Ports, task: number) => Promise<unknown>;
const get = (key: string): Op => (ports) => ports.storage.get('t', key);
const put = (key: string): Op => (ports, task) => ports.storage.put('t', key, byte(task));

function tasks(name: string, programs: Op[][]): Scenario {
  return defineScenario({
    name,
    setup: ({ ports }) => ports,
    actors: Object.fromEntries(programs.map((program, task) => [`t${task}`, async ({ app }: { app: Ports }) => {
      for (const op of program) await op(app, task);
    }])),
  }) as Scenario;
}

const multinomial = (k: number, n: number): number => {
  let result = 1;
  for (let i = 1; i <= k * n; i++) result = (result * i) / (((i - 1) % n) + 1);
  return Math.round(result);
};

const independent = (k: number, n: number) => tasks(`${k} independent tasks × ${n} steps`, Array.from({ length: k }, (_, t) => Array.from({ length: n }, (_, i) => (i % 2 ? get : put)(`own${t}`))));

const conflicting: Scenario[] = [
  tasks('3 × read-modify-write on x', [[get('x'), put('x')], [get('x'), put('x')], [get('x'), put('x')]]),
  tasks('2 × 3 ops on a, b, c', [[put('a'), put('b'), get('c')], [get('b'), put('c'), put('a')]]),
  tasks('3-ring: put s, read own, write next', [0, 1, 2].map((i) => [put('s'), get(`p${i}`), put(`p${(i + 1) % 3}`)])),
  tasks('2 readers 1 writer', [[get('x'), get('y')], [get('y'), get('x')], [put('x'), put('y')]]),
];

const bench: Benchmark = async ({ log }) => {
  const figures: Record<string, unknown> = {};
  let pass = true;
  for (const [k, n] of [[2, 10], [4, 5]] as const) {
    const dpor = await exploreAll(independent(k, n), 'dpor');
    const naive = multinomial(k, n);
    log(`independent ${k}×${n}: DPOR ${dpor.complete} schedule(s) vs naive ${naive.toLocaleString('en-US')} interleavings`);
    figures[`independent_${k}x${n}`] = { dpor: dpor.complete, naive };
    pass &&= dpor.complete === 1;
  }
  for (const scenario of conflicting) {
    const brute = await exploreAll(scenario, 'exhaustive');
    const dpor = await exploreAll(scenario, 'dpor');
    const ratio = dpor.complete / brute.traces.size;
    log(`${scenario.name}: ${brute.complete} interleavings, ${brute.traces.size} Mazurkiewicz traces; DPOR ${dpor.complete} complete + ${dpor.executions - dpor.complete} pruned executions, ${dpor.traces.size} traces covered, ratio ${ratio.toFixed(2)}`);
    figures[scenario.name] = { interleavings: brute.complete, traces: brute.traces.size, dporSchedules: dpor.complete, dporExecutions: dpor.executions, dporTraces: dpor.traces.size, ratio };
    pass &&= ratio <= 1.5 && dpor.traces.size === brute.traces.size;
  }
  for (const entry of catalogue.filter((candidate) => !candidate.buggy.chaos && candidate.id !== 'starvation')) {
    const brute = await exploreAll(entry.buggy, 'exhaustive', Infinity, 20_000);
    const dpor = await exploreAll(entry.buggy, 'dpor', Infinity, 20_000);
    const missed = [...brute.kinds].filter((kind) => !dpor.kinds.has(kind));
    log(`${entry.id}: exhaustive ${brute.executions} runs found [${[...brute.kinds].join(', ')}]; DPOR ${dpor.executions} runs found [${[...dpor.kinds].join(', ')}]${missed.length ? ` MISSED ${missed.join(', ')}` : ''}`);
    figures[`catalogue_${entry.id}`] = { exhaustiveRuns: brute.executions, dporRuns: dpor.executions, exhaustiveKinds: [...brute.kinds], dporKinds: [...dpor.kinds], missed };
    pass &&= missed.length === 0;
  }
  return { summary: `DPOR: 1 schedule for independent tasks; ≤ 1.5× Mazurkiewicz traces on conflicting ones; no violation missed vs exhaustive → ${pass ? 'PASS' : 'FAIL'}`, figures, pass };
};

export default bench;
