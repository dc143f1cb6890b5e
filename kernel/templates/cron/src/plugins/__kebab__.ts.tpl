import { Journal, type Ports } from '@krepis/kernel';
import type { Plugin } from '../runtime.js';

/** When the job runs (minute hour day-of-month month day-of-week, UTC). */
export const __name__Schedule = '*/5 * * * *';

/** The job's work. Replace with yours; each run is recorded in the `cron/__kebab__` journal. */
export async function run__Name__(ports: Ports, journal: Journal): Promise<void> {
  const at = ports.clock.now();
  await journal.append('system', new TextEncoder().encode(JSON.stringify({ job: '__kebab__', at })));
  ports.logger.info('__kebab__ ran', { at });
}

/** Registers the cron job with the app's scheduler. */
export const __name__Cron: Plugin = async ({ ports, scheduler }) => {
  const journal = await Journal.open(ports.journal, 'cron/__kebab__');
  scheduler.cron('__kebab__', __name__Schedule, () => run__Name__(ports, journal));
};
