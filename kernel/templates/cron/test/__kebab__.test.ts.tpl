import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Journal, ManualClock, memoryPorts, Scheduler } from '@krepis/kernel';
import { __name__Cron } from '../src/plugins/__kebab__.js';

test('__kebab__: runs on schedule in virtual time, once per slot', async () => {
  const clock = new ManualClock(Date.UTC(2026, 0, 1, 0, 0, 0));
  const ports = memoryPorts({ clock });
  const scheduler = new Scheduler(clock, ports.logger);
  await __name__Cron({ ports, scheduler, server: undefined as never });
  await clock.advance(16 * 60_000);
  await scheduler.stop();
  const journal = await Journal.open(ports.journal, 'cron/__kebab__');
  const runs: number[] = [];
  await journal.replay((record) => void runs.push((JSON.parse(new TextDecoder().decode(record.payload)) as { at: number }).at));
  assert.deepEqual(runs, [5, 10, 15].map((minute) => Date.UTC(2026, 0, 1, 0, minute)));
});
