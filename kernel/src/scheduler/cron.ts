import { KernelError } from '../errors/index.js';

/** A parsed 5-field cron expression (minute hour day-of-month month day-of-week), in UTC. */
export interface CronSchedule {
  readonly source: string;
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  readonly days: ReadonlySet<number>;
  readonly months: ReadonlySet<number>;
  readonly weekdays: ReadonlySet<number>;
}

const FIELDS = [
  ['minute', 0, 59],
  ['hour', 0, 23],
  ['day of month', 1, 31],
  ['month', 1, 12],
  ['day of week', 0, 6],
] as const;

/**
 * Parses `"m h dom mon dow"` with `*`, `a`, `a-b`, `*\/n`, `a-b/n` and lists (`1,15,30`).
 * Throws `KREPIS_KERNEL_BAD_CRON` naming the bad field.
 *
 * @example
 * ```ts
 * const everyQuarterHour = parseCron('0,15,30,45 * * * *');
 * nextCronTime(everyQuarterHour, Date.UTC(2026, 0, 1, 10, 7)); // 10:15 UTC
 * ```
 */
export function parseCron(source: string): CronSchedule {
  const parts = source.trim().split(/\s+/);
  if (parts.length !== 5) throw badCron(source, `expected 5 fields, got ${parts.length}`);
  const [minutes, hours, days, months, weekdays] = FIELDS.map(([name, min, max], index) => parseField(source, parts[index]!, name, min, max));
  return { source, minutes: minutes!, hours: hours!, days: days!, months: months!, weekdays: weekdays! };
}

function parseField(source: string, field: string, name: string, min: number, max: number): Set<number> {
  const values = new Set<number>();
  for (const item of field.split(',')) {
    const match = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(item);
    if (!match) throw badCron(source, `bad ${name} "${item}"`);
    const from = match[1] === '*' ? min : Number(match[2]);
    const to = match[1] === '*' ? max : match[3] !== undefined ? Number(match[3]) : match[4] !== undefined ? max : from;
    const step = match[4] !== undefined ? Number(match[4]) : 1;
    if (from < min || to > max || from > to || step < 1) throw badCron(source, `${name} "${item}" is outside ${min}-${max}`);
    for (let value = from; value <= to; value += step) values.add(value);
  }
  return values;
}

function badCron(source: string, why: string): KernelError {
  return new KernelError('KREPIS_KERNEL_BAD_CRON', `invalid cron expression "${source}": ${why}`, 500, { hint: 'use 5 fields: minute hour day-of-month month day-of-week, e.g. "*/5 * * * *"' });
}

const MINUTE = 60_000;

/**
 * The first time strictly after `afterMs` (epoch ms) that matches `schedule`, at a whole minute (UTC).
 * @example
 * ```ts
 * nextCronTime(parseCron('0 3 * * *'), Date.UTC(2026, 0, 1, 10)); // 2026-01-02T03:00Z
 * ```
 */
export function nextCronTime(schedule: CronSchedule, afterMs: number): number {
  let time = Math.floor(afterMs / MINUTE) * MINUTE + MINUTE;
  const limit = time + 5 * 366 * 24 * 60 * MINUTE;
  while (time < limit) {
    const date = new Date(time);
    if (!schedule.months.has(date.getUTCMonth() + 1) || !schedule.days.has(date.getUTCDate()) || !schedule.weekdays.has(date.getUTCDay())) {
      time = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 1);
    } else if (!schedule.hours.has(date.getUTCHours())) {
      time = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), date.getUTCHours() + 1);
    } else if (!schedule.minutes.has(date.getUTCMinutes())) {
      time += MINUTE;
    } else return time;
  }
  throw badCron(schedule.source, 'never matches within 5 years');
}
