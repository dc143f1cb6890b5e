import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineScenario, type Ports, Scheduler } from '@krepis/kernel';
import { describe, expect, it } from 'vitest';
import { randomChooser } from '../explore/choosers.js';
import { runSchedule } from '../explore/runOnce.js';
import { verifyProject } from '../index.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/** A heartbeat that re-arms itself from its callback (the Clock.every pattern), with a fresh closure each time. */
function heartbeat(ports: Ports, state: { beats: number }): void {
  const beat = (): void => {
    state.beats++;
    ports.clock.setTimer(1_000, () => beat());
  };
  ports.clock.setTimer(1_000, () => beat());
}

describe('periodic timers', () => {
  it('end the run when every actor is done: a self re-arming timer from setup keeps nothing alive', async () => {
    const scenario = defineScenario({
      name: 'heartbeat from setup',
      setup: ({ ports }) => {
        const state = { beats: 0 };
        heartbeat(ports, state);
        return { ports, state };
      },
      actors: { order: async ({ app }) => app.ports.clock.sleep(2_500) },
      finally: { 'two beats while the order ran': (app) => app.state.beats === 2 || `${app.state.beats} beats` },
    });
    const run = await runSchedule(scenario, 1, randomChooser(1), false, true, false);
    expect(run.findings).toEqual([]);
    expect(run.virtualMs).toBe(2_500);
    expect(run.steps).toBeLessThan(20);
    expect(run.trace.at(-1)?.note).toContain('stopped 1 background timer (timer#3)');
  });

  it('end the run when every actor is done: a kernel Scheduler.every job started in setup', async () => {
    const scenario = defineScenario({
      name: 'flush every second',
      setup: ({ ports }) => {
        const state = { flushes: 0 };
        new Scheduler(ports.clock, ports.logger).every('flush', 1_000, async () => {
          await ports.storage.put('metrics', 'flushes', new TextEncoder().encode(String(++state.flushes)));
        });
        return { ports, state };
      },
      actors: { order: async ({ app }) => app.ports.clock.sleep(2_500) },
      finally: { 'two flushes while the order ran': (_app, view) => view.json('metrics', 'flushes') === 2 || `flushes: ${String(view.json('metrics', 'flushes'))}` },
    });
    const run = await runSchedule(scenario, 1, randomChooser(1), false, true, false);
    expect(run.findings).toEqual([]);
    expect(run.virtualMs).toBe(2_500);
  });

  it('end the run when every actor is done: setInterval in a scenario file', async () => {
    const report = await verifyProject(path.join(fixtures, 'interval'), { strategy: 'random', budget: 2 });
    expect(report.violations).toEqual([]);
    expect(report.virtualMs).toBe(3_500);
  });

  it('report actors in a lock cycle at once, though a background timer could still move time', async () => {
    const scenario = defineScenario({
      name: 'deadlock beside a heartbeat',
      setup: ({ ports }) => {
        heartbeat(ports, { beats: 0 });
        return ports;
      },
      actors: {
        a: async ({ app }) => {
          const x = await app.locks.acquire('x');
          await app.clock.sleep(1);
          await (await app.locks.acquire('y')).release();
          await x.release();
        },
        b: async ({ app }) => {
          const y = await app.locks.acquire('y');
          await app.clock.sleep(1);
          await (await app.locks.acquire('x')).release();
          await y.release();
        },
      },
    });
    const run = await runSchedule(scenario, 1, randomChooser(1), false, false, false);
    expect(run.findings.map((finding) => finding.kind)).toEqual(['deadlock']);
    expect(run.steps).toBeLessThan(20);
  });

  it('still fire one-shot timers an actor left behind, and follow-ups they arm', async () => {
    const scenario = defineScenario({
      name: 'reminder',
      setup: () => ({ sent: [] as string[] }),
      actors: {
        signup: ({ app, ports }) => {
          ports.clock.setTimer(60_000, () => {
            app.sent.push('reminder');
            ports.clock.setTimer(60_000, () => app.sent.push('last call'));
          });
        },
      },
      finally: { 'both mails sent': (app) => app.sent.join() === 'reminder,last call' || app.sent.join() },
    });
    const run = await runSchedule(scenario, 1, randomChooser(1), false, true, false);
    expect(run.findings).toEqual([]);
    expect(run.virtualMs).toBe(120_000);
  });
});
