import cliProgress from 'cli-progress';
import type { JobProgress } from './runJob.js';

/** Items finished for good in this job's mode. */
export const doneCount = (progress: JobProgress): number => progress.counts.verified + progress.counts.failed + progress.counts.applied;

/**
 * A live progress line on `stream` (stderr): done / failed / running, tokens/s and ETA.
 * Call `update` with each progress event and `stop` at the end.
 */
export function createProgressBar(stream: NodeJS.WritableStream, total: number): { update(progress: JobProgress): void; stop(): void } {
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: '{bar} {value}/{total} | ✓ {ok} ✗ {failed} ⟳ {running} | {tps} tok/s | ETA {eta_formatted}',
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 50,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { ok: 0, failed: 0, running: 0, tps: '0' });
  let stopped = false;
  return {
    update(progress) {
      const seconds = progress.elapsedMs / 1000;
      bar.update(doneCount(progress), {
        ok: progress.counts.verified + progress.counts.applied,
        failed: progress.counts.failed,
        running: progress.counts.running,
        tps: seconds > 0 ? (progress.tokens / seconds).toFixed(1) : '0',
      });
    },
    stop() {
      if (stopped) return;
      stopped = true;
      bar.stop();
    },
  };
}
