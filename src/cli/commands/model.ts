import { existsSync } from 'node:fs';
import path from 'node:path';
import cliProgress from 'cli-progress';
import type { ResolvedConfig } from '../../config/index.js';
import { detectGpu, inspectModel, loadCatalog, modelDir, parseModelSource, pullModel, recommendModel, type ModelInspection, type PullProgress } from '../../model/index.js';
import type { CommandModule } from '../command.js';
import type { CommandContext } from '../context.js';
import { formatBytes as gb, formatParameters } from './doctorModel.js';


async function listModels(ctx: CommandContext): Promise<void> {
  const config = await ctx.config();
  const gpu = await detectGpu(config.model.gpu);
  const recommended = recommendModel(gpu.vram?.total);
  const dir = modelDir(config);
  const models = loadCatalog().map((entry) => {
    const file = path.join(dir, entry.file);
    return { ...entry, path: file, present: existsSync(file), recommended: entry.alias === recommended.alias, configured: config.model.path === entry.alias };
  });
  ctx.out.result({ dir, backend: gpu.backend, vramBytes: gpu.vram?.total ?? null, models }, () => [
    `models in ${dir} (backend ${gpu.backend}${gpu.vram ? `, ${gb(gpu.vram.total)} VRAM` : ''})`,
    ...models.map((m) => `${m.present ? '●' : '○'} ${m.alias.padEnd(24)} ${m.kind.padEnd(9)} ${m.parameters.padEnd(5)} ${m.quantization.padEnd(7)} ${gb(m.sizeBytes).padStart(8)}  ${m.licence}${m.recommended ? '  ← recommended here' : ''}${m.configured ? '  (configured)' : ''}`),
    '● downloaded   ○ not downloaded: `krepis model pull <alias>`',
  ]);
}

function progressBar(ctx: CommandContext): { update(progress: PullProgress): void; stop(): void } {
  if (!ctx.out.interactive) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar({ stream: ctx.out.stderr, format: '{bar} {percentage}% | {done}/{total} MB | eta {eta_formatted}', hideCursor: true }, cliProgress.Presets.shades_classic);
  let started = false;
  return {
    update({ downloadedBytes, totalBytes }) {
      const payload = { done: (downloadedBytes / 1e6).toFixed(0), total: (totalBytes / 1e6).toFixed(0) };
      if (!started) bar.start(totalBytes, downloadedBytes, payload);
      else bar.update(downloadedBytes, payload);
      started = true;
    },
    stop: () => bar.stop(),
  };
}

async function pull(ctx: CommandContext, spec: string): Promise<void> {
  const config = await ctx.config();
  const bar = progressBar(ctx);
  try {
    const result = await pullModel(spec, config, { onProgress: (progress) => bar.update(progress), signal: ctx.signal });
    ctx.out.result(result, () => `${result.downloaded ? 'downloaded' : 'already present:'} ${result.path} (${gb(result.sizeBytes)})\nuse it: set model.path to "${spec}" (or KREPIS_MODEL_PATH=${spec})`);
  } finally {
    bar.stop();
  }
}

/** Human lines for a model inspection (shared with doctor). */
export function renderInspection(inspection: ModelInspection): string[] {
  const fit = inspection.estimate.fitsInVram;
  return [
    `${inspection.path}`,
    `  architecture  ${inspection.architecture}${inspection.name ? ` (${inspection.name})` : ''}`,
    `  parameters    ${formatParameters(inspection.parameters)} (${inspection.parameters.toLocaleString('en-US')})`,
    `  quantization  ${inspection.quantization}`,
    `  trained ctx   ${inspection.trainedContext ?? 'unknown'}`,
    `  file size     ${gb(inspection.sizeBytes)}`,
    `  memory        ${gb(inspection.estimate.vramBytes)} fully offloaded with a ${inspection.estimate.contextSize}-token context${fit === undefined ? ' (no GPU)' : fit ? ' — fits in free VRAM' : ' — does NOT fit in free VRAM'}`,
  ];
}

async function info(ctx: CommandContext, spec: string): Promise<void> {
  const config: ResolvedConfig = await ctx.config();
  const file = parseModelSource(spec, config).file;
  const [inspection, gpu] = await Promise.all([inspectModel(file, { contextSize: config.model.contextSize }), detectGpu(config.model.gpu)]);
  const fitsInVram = gpu.vram ? inspection.estimate.vramBytes <= gpu.vram.free : undefined;
  const result = { ...inspection, estimate: { ...inspection.estimate, fitsInVram }, backend: gpu.backend, freeVramBytes: gpu.vram?.free ?? null };
  ctx.out.result(result, () => renderInspection(result));
}

/** `krepis model list | pull <alias|uri> | info <path>`: the catalog, downloads, and what a GGUF is. */
export const modelCommand: CommandModule = {
  register(program, run) {
    const model = program.command('model').description('list recommended models, download one, or inspect a GGUF');
    model.command('list').description('the model catalog: what is downloaded and what is recommended for this machine').action(run((ctx) => listModels(ctx)));
    model
      .command('pull')
      .argument('<alias|uri>', 'a catalog alias (`krepis model list`), hf:<user>/<repo>:<quant>, or an https:// URL')
      .description('download a model into model.dir (resumable, size-checked); offline it says where to put a GGUF instead')
      .action(run((ctx, spec: string) => pull(ctx, spec)));
    model
      .command('info')
      .argument('<path|alias>', 'a .gguf file, or a downloaded catalog alias')
      .description('validate a GGUF and show architecture, parameters, quantization, trained context and VRAM fit')
      .action(run((ctx, spec: string) => info(ctx, spec)));
  },
};
