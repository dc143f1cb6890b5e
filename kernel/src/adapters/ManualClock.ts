import type { Clock, TimerHandle } from '../ports/index.js';

/**
 * A {@link Clock} for tests that only moves when told to: `advance(ms)` fires due timers in time
 * order (letting the promises they start settle between timers).
 *
 * @example
 * ```ts
 * const clock = new ManualClock(Date.UTC(2026, 0, 1));
 * const scheduler = new Scheduler(clock, logger);
 * scheduler.cron('report', '0 * * * *', buildReport);
 * await clock.advance(60 * 60_000); // buildReport ran once
 * ```
 */
export class ManualClock implements Clock {
  private time: number;
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();

  /** `start`: epoch ms. Default 2026-01-01T00:00:00Z. */
  constructor(start = 1_767_225_600_000) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.setTimer(ms, resolve));
  }

  setTimer(ms: number, callback: () => void): TimerHandle {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + Math.max(0, ms), callback });
    return { id };
  }

  clearTimer(handle: TimerHandle): void {
    this.timers.delete(handle.id);
  }

  /** Moves time forward by `ms`, running due timers (and the microtasks they start) in time order. */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, timer]) => timer.at <= target).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = Math.max(this.time, due[1].at);
      due[1].callback();
      await settle();
    }
    this.time = target;
  }

  pendingTimers(): number {
    return this.timers.size;
  }
}

/** Lets promise chains and immediate callbacks started by a timer run to completion. */
async function settle(): Promise<void> {
  for (let turn = 0; turn < 3; turn++) await new Promise<void>((resolve) => setImmediate(resolve));
}
