import { stat } from 'node:fs/promises';
import path from 'node:path';
import cliProgress from 'cli-progress';
import { resolveConfig } from '../../config/index.js';
import { createModelRuntime } from '../../model/index.js';
import { openTriStore, TriStoreError, TriStoreErrorCode, type IndexProgress, type IndexReport, type TriStore } from '../../tristore/index.js';
import { parseIntFlag, type CommandModule } from '../command.js';
import type { CommandContext } from '../context.js';

/** Opens the Tri-Store of `dir` (default: the working directory), runs `work`, and always closes it. */
export async function withTriStore<T>(ctx: CommandContext, dir: string | undefined, work: (store: TriStore) => Promise<T>, options: { runtime?: boolean; replay?: string } = {}): Promise<T> {
  const root = path.resolve(ctx.globals.cwd, dir ?? '.');
  const info = await stat(root).catch(() => undefined);
  if (!info?.isDirectory()) throw new TriStoreError(TriStoreErrorCode.notADirectory, `${root} is not a directory`, { kind: 'usage', hint: 'Pass the project folder: `krepis index <dir>`.' });
  const config = dir === undefined ? await ctx.config() : await resolveConfig({ cwd: root, configFile: ctx.globals.config, env: ctx.env });
  const wantsRuntime = options.runtime === true || config.model.embeddingPath !== undefined;
  const runtime = wantsRuntime ? await createModelRuntime(config, { signal: ctx.signal, ...(options.replay ? { replay: options.replay } : {}) }) : undefined;
  try {
    const store = await openTriStore(config, { signal: ctx.signal, ...(runtime ? { runtime } : {}) });
    try {
      return await work(store);
    } finally {
      await store.close();
    }
  } finally {
    await runtime?.dispose();
  }
}

const PHASES: Record<IndexProgress['phase'], string> = { scan: 'scanning', parse: 'parsing', link: 'indexing', graph: 'graph', vectors: 'vectors', types: 'types', done: 'done' };

/** Runs an incremental update, with a progress bar on stderr when interactive; `types` forces the eager type pass. */
export async function updateWithProgress(ctx: CommandContext, store: TriStore, types?: boolean): Promise<IndexReport> {
  const options = { signal: ctx.signal, ...(types ? { types } : {}) };
  if (!ctx.out.interactive) return store.update(options);
  const bar = new cliProgress.SingleBar({ stream: ctx.out.stderr, format: '{phase} [{bar}] {value}/{total} {file}', clearOnComplete: true, hideCursor: true }, cliProgress.Presets.shades_classic);
  bar.start(1, 0, { phase: 'scanning', file: '' });
  try {
    return await store.update({ ...options, onProgress: (progress) => {
      bar.setTotal(Math.max(1, progress.total));
      bar.update(progress.done, { phase: PHASES[progress.phase], file: progress.file ?? '' });
    } });
  } finally {
    bar.stop();
  }
}

function renderReport(report: IndexReport): string[] {
  const skipped = Object.entries(report.skipped).map(([reason, count]) => `${reason} ${count}`);
  return [
    `files    ${report.files.total} (${report.files.parsed} parsed, ${report.files.unchanged} unchanged, ${report.files.removed} removed)`,
    `symbols  ${report.symbols}`,
    `edges    ${report.edges}`,
    `vectors  ${report.vectors}`,
    `skipped  ${skipped.length > 0 ? skipped.join(', ') : 'none'}`,
    ...report.problems.slice(0, 20).map((problem) => `  ${problem.file}: ${problem.reason}${problem.detail ? ` (${problem.detail})` : ''}`),
    ...(report.problems.length > 20 ? [`  … ${report.problems.length - 20} more (see --json)`] : []),
    ...(report.types ? [`types    ${report.types.resolved} of ${report.types.sites} member calls resolved in ${report.types.files} files (${report.types.external} outside the project, ${report.types.unresolved} unresolved), ${report.types.edges} edges, ${report.types.ms} ms`] : []),
    ...(report.rebuilt ? [`rebuilt  ${report.rebuilt}`] : []),
    `time     ${report.ms} ms`,
  ];
}

/** `krepis index [dir]`: brings the Tri-Store of a project up to date. */
export const indexCommand: CommandModule = {
  register(program, run) {
    program
      .command('index')
      .argument('[dir]', 'project folder (default: the working directory)')
      .option('--types', 'then resolve member calls (`orders.create()`) with the type checker for every file (default: lazily, per query; `index.typeFacts`)')
      .option('--shadow-tags', 'then have the model summarise and tag symbols without JSDoc (stored in the index only)')
      .option('--limit <n>', 'most symbols to describe with --shadow-tags (default 200)', parseIntFlag(1), 200)
      .option('--replay <transcript>', 'with --shadow-tags: play a recorded model transcript instead of running the model')
      .description('index the project incrementally: symbols (LevelDB), code graph (SurrealDB), vectors')
      .action(
        run(async (ctx, dir: string | undefined, flags: { types?: boolean; shadowTags?: boolean; limit: number; replay?: string }) => {
          const { report, shadow } = await withTriStore(
            ctx,
            dir,
            async (store) => ({ report: await updateWithProgress(ctx, store, flags.types), shadow: flags.shadowTags ? await store.writeShadowDocs({ limit: flags.limit, signal: ctx.signal }) : undefined }),
            { runtime: flags.shadowTags === true, ...(flags.replay ? { replay: flags.replay } : {}) },
          );
          if (report.rebuilt) ctx.out.warn(report.rebuilt);
          ctx.out.result(shadow ? { ...report, shadow } : report, () => [...renderReport(report), ...(shadow ? [`shadow   ${shadow.described} symbols described, ${shadow.rejected.length} answers rejected`] : [])]);
        }),
      );
  },
};
