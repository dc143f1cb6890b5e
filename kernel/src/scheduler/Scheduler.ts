import type { Clock, Logger, TimerHandle } from '../ports/index.js';
import { nextCronTime, parseCron } from './cron.js';

/** A scheduled job; `cancel()` stops future runs (a run in progress finishes). */
export interface ScheduledJob {
  readonly name: string;
  cancel(): void;
}

/** What a task receives: an abort signal that fires when the scheduler stops. */
export interface TaskContext {
  readonly signal: AbortSignal;
}

export type Task = (context: TaskContext) => void | Promise<void>;

/**
 * Timers, repeating jobs, cron jobs and background tasks, all on the {@link Clock} port (so the
 * twin can drive them with virtual time). A job never overlaps itself: the next run is planned
 * after the previous one ends. Failures are logged, never crash the process.
 *
 * @example
 * ```ts
 * const scheduler = new Scheduler(ports.clock, ports.logger);
 * scheduler.every('flush-metrics', 10_000, () => metrics.flush());
 * scheduler.cron('nightly-report', '0 3 * * *', ({ signal }) => reports.build(signal));
 * scheduler.at('reminder', clock.now() + 60_000, () => sendReminder());
 * scheduler.background('reindex', () => search.reindex());
 * await scheduler.stop(); // cancels timers, aborts and awaits running tasks
 * ```
 */
export class Scheduler {
  private readonly timers = new Map<string, TimerHandle>();
  private readonly running = new Set<Promise<void>>();
  private readonly controller = new AbortController();
  private readonly cancelled = new Set<string>();
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** Runs `task` once at epoch time `atMs` (at once if that is past). */
  at(name: string, atMs: number, task: Task): ScheduledJob {
    this.cancelled.delete(name);
    this.arm(name, atMs - this.clock.now(), () => this.execute(name, task));
    return this.job(name);
  }

  /** Runs `task` every `intervalMs`, the first time after one interval. */
  every(name: string, intervalMs: number, task: Task): ScheduledJob {
    this.cancelled.delete(name);
    const tick = () => this.execute(name, task).then(() => this.arm(name, intervalMs, tick));
    this.arm(name, intervalMs, tick);
    return this.job(name);
  }

  /** Runs `task` at every time matching the cron `expression` (5 fields, UTC). */
  cron(name: string, expression: string, task: Task): ScheduledJob {
    const schedule = parseCron(expression);
    this.cancelled.delete(name);
    const plan = (): void => this.arm(name, nextCronTime(schedule, this.clock.now()) - this.clock.now(), () => this.execute(name, task).then(plan));
    plan();
    return this.job(name);
  }

  /** Starts `task` now, tracked so {@link Scheduler.stop} waits for it. */
  background(name: string, task: Task): Promise<void> {
    return this.execute(name, task);
  }

  /** Names of jobs with a pending timer. */
  pending(): string[] {
    return [...this.timers.keys()];
  }

  /** Cancels every timer, aborts running tasks' signals and waits for them to settle. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const handle of this.timers.values()) this.clock.clearTimer(handle);
    this.timers.clear();
    this.controller.abort(new Error('scheduler stopped'));
    await Promise.all(this.running);
  }

  private arm(name: string, delayMs: number, fire: () => unknown): void {
    if (this.stopped || this.cancelled.has(name)) return;
    const previous = this.timers.get(name);
    if (previous) this.clock.clearTimer(previous);
    this.timers.set(
      name,
      // The callback returns the run's promise so a simulated clock (the twin) can follow it.
      this.clock.setTimer(Math.max(0, delayMs), () => {
        this.timers.delete(name);
        return fire();
      }),
    );
  }

  private execute(name: string, task: Task): Promise<void> {
    const run = (async () => {
      try {
        await task({ signal: this.controller.signal });
      } catch (error) {
        this.logger.error(`scheduled task ${name} failed`, { error });
      }
    })();
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
    return run;
  }

  private job(name: string): ScheduledJob {
    return {
      name,
      cancel: () => {
        this.cancelled.add(name);
        const handle = this.timers.get(name);
        if (handle) this.clock.clearTimer(handle);
        this.timers.delete(name);
      },
    };
  }
}
