import { describe, expect, it } from 'vitest';
import { ManualClock, memoryPorts, nextCronTime, parseCron, Scheduler } from '../src/index.js';

const minute = 60_000;

describe('cron', () => {
  it('finds the next matching minute in UTC', () => {
    const at = Date.UTC(2026, 0, 1, 10, 7);
    expect(nextCronTime(parseCron('*/15 * * * *'), at)).toBe(Date.UTC(2026, 0, 1, 10, 15));
    expect(nextCronTime(parseCron('0 3 * * *'), at)).toBe(Date.UTC(2026, 0, 2, 3, 0));
    expect(nextCronTime(parseCron('30 9 * * 1'), at)).toBe(Date.UTC(2026, 0, 5, 9, 30)); // next Monday
    expect(nextCronTime(parseCron('0 0 1 3 *'), at)).toBe(Date.UTC(2026, 2, 1));
  });

  it('rejects malformed expressions with a stable code', () => {
    expect(() => parseCron('61 * * * *')).toThrow(expect.objectContaining({ code: 'KREPIS_KERNEL_BAD_CRON' }));
    expect(() => parseCron('* * *')).toThrow(/expected 5 fields/);
  });
});

describe('Scheduler (on the Clock port)', () => {
  it('runs timers, repeating jobs and cron jobs at virtual times', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1, 0, 0, 30));
    const scheduler = new Scheduler(clock, memoryPorts({ clock }).logger);
    const runs: string[] = [];
    scheduler.at('once', clock.now() + 1_000, () => void runs.push(`once@${clock.now()}`));
    scheduler.every('tick', 20_000, () => void runs.push('tick'));
    scheduler.cron('minutely', '* * * * *', () => void runs.push(`cron@${new Date(clock.now()).toISOString().slice(11, 16)}`));
    await clock.advance(2 * minute);
    expect(runs.filter((run) => run === 'tick')).toHaveLength(6);
    expect(runs.filter((run) => run.startsWith('cron'))).toEqual(['cron@00:01', 'cron@00:02']);
    expect(runs[0]).toBe(`once@${Date.UTC(2026, 0, 1, 0, 0, 31)}`);
    await scheduler.stop();
    expect(clock.pendingTimers()).toBe(0);
  });

  it('a failing task is logged, and a cancelled job never runs again', async () => {
    const clock = new ManualClock();
    const lines: string[] = [];
    const logger = memoryPorts({ clock }).logger;
    const scheduler = new Scheduler(clock, { ...logger, error: (message) => void lines.push(message) });
    let runs = 0;
    const job = scheduler.every('flaky', 1_000, () => {
      runs++;
      throw new Error('boom');
    });
    await clock.advance(2_500);
    job.cancel();
    await clock.advance(5_000);
    expect(runs).toBe(2);
    expect(lines).toEqual(['scheduled task flaky failed', 'scheduled task flaky failed']);
  });

  it('stop() aborts and awaits background tasks', async () => {
    const clock = new ManualClock();
    const scheduler = new Scheduler(clock, memoryPorts({ clock }).logger);
    let aborted = false;
    void scheduler.background('worker', ({ signal }) => new Promise<void>((resolve) => signal.addEventListener('abort', () => ((aborted = true), resolve()))));
    await scheduler.stop();
    expect(aborted).toBe(true);
  });
});
