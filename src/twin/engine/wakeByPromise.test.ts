import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineScenario, type Ports, type Scenario } from '@krepis/kernel';
import { describe, expect, it } from 'vitest';
import { randomChooser } from '../explore/choosers.js';
import { runSchedule, type ScenarioSource } from '../explore/runOnce.js';
import { verifyScenario } from '../index.js';
import { loadScenarioFile } from '../load/loadScenarioFile.js';
import type { RunResult } from './Run.js';

const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'wake', 'wake.twin.ts');
const enc = (n: number) => new TextEncoder().encode(String(n));
const dec = (bytes: Uint8Array | undefined) => Number(new TextDecoder().decode(bytes));

interface GateApp {
  ports: Ports;
  gate: Promise<void>;
  wake: () => void;
}

/** A plain promise made in setup; `wake` resolves it. */
function gated(ports: Ports): GateApp {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { ports, gate, wake: () => open() };
}

/** Actor a wakes b by resolving the setup's plain promise, then goes on; b then works on t/y. */
const wakeInProcess = defineScenario({
  name: 'a wakes b in process',
  setup: ({ ports }) => gated(ports),
  actors: {
    a: async ({ app }) => {
      await app.ports.storage.put('t', 'x', enc(1));
      app.wake();
      await app.ports.storage.put('t', 'x', enc(2));
    },
    b: async ({ app }) => {
      await app.gate;
      await app.ports.storage.put('t', 'y', enc(1));
      await app.ports.storage.get('t', 'y');
    },
  },
});

/** Who ran each port call, as the trace says. */
const owners = (run: RunResult): string[] => run.trace.filter((step) => step.op.startsWith('storage.')).map((step) => `${step.task} ${step.op}`);

async function expectAttributed(source: ScenarioSource): Promise<void> {
  for (let seed = 1; seed <= 12; seed++) {
    const run = await runSchedule(source, seed, randomChooser(seed), false, true);
    expect(run.findings).toEqual([]);
    expect(owners(run).sort()).toEqual(['a storage.put t/x', 'a storage.put t/x', 'b storage.get t/y', 'b storage.put t/y']);
    expect(run.trace).toContainEqual(expect.objectContaining({ task: 'b', op: 'resume', note: 'woken by a' }));
    // Happens-before: b's clock learnt a's tick of the step in which a woke it.
    const [a, b] = ['a', 'b'].map((name) => run.tasks.find((task) => task.name === name));
    expect(b?.vc.get(a?.id ?? -1)).toBeGreaterThanOrEqual(2);
    expect(run.races).toEqual([]);
  }
}

/** Both actors add 1 to t/c; b starts when a wakes it, after a's read and before a's write (`early`), or after a's write. */
const creditAfterWake = (early: boolean) =>
  defineScenario({
    name: `credit after a plain wake${early ? '' : ' (fixed)'}`,
    setup: ({ ports }) => gated(ports),
    actors: {
      a: async ({ app }) => {
        const current = dec((await app.ports.storage.get('t', 'c'))?.value);
        if (early) app.wake();
        await app.ports.storage.put('t', 'c', enc(current + 1));
        if (!early) app.wake();
      },
      b: async ({ app }) => {
        await app.gate;
        const current = dec((await app.ports.storage.get('t', 'c'))?.value);
        await app.ports.storage.put('t', 'c', enc(current + 1));
      },
    },
  });

describe('a task woken by a plain promise (not a port call)', () => {
  it('runs as itself in process: its ops, clock and trace are its own, not its waker’s', async () => {
    await expectAttributed(wakeInProcess);
  });

  it('runs as itself in a scenario file loaded through the vm loader', async () => {
    const loaded = loadScenarioFile(fixture);
    await expectAttributed(() => loaded.instantiate()[0] as Scenario);
  });

  it('finds the lost update between the waker and the woken task, and passes the fix', async () => {
    const buggy = await verifyScenario(creditAfterWake(true), { strategy: 'exhaustive', budget: 200 });
    const lost = buggy.violations.find((violation) => violation.kind === 'atomicity');
    expect(lost?.details).toMatchObject({ location: 'storage:t/c' });
    expect([lost?.details?.task, lost?.details?.interferer].sort()).toEqual(['a', 'b']);
    const fixed = await verifyScenario(creditAfterWake(false), { strategy: 'exhaustive', budget: 200 });
    expect(fixed.violations).toEqual([]);
  });

  it('sees no race between writes ordered by the wake, and a race without it', async () => {
    const plainWrites = (ordered: boolean) =>
      defineScenario({
        name: `writes ${ordered ? 'ordered by a wake' : 'racing'}`,
        setup: ({ ports, track }) => ({ ...gated(ports), shared: track('shared', { note: '' }) }),
        actors: {
          a: async ({ app }) => {
            await app.ports.storage.get('t', 'x');
            app.shared.note = 'a';
            app.wake();
          },
          b: async ({ app }) => {
            if (ordered) await app.gate;
            else await app.ports.storage.get('t', 'y');
            app.shared.note = 'b';
          },
        },
      });
    for (let seed = 1; seed <= 6; seed++) {
      expect((await runSchedule(plainWrites(true), seed, randomChooser(seed), false, true)).races).toEqual([]);
      expect((await runSchedule(plainWrites(false), seed, randomChooser(seed), false, true)).races).toEqual(['shared.note']);
    }
  });
});
