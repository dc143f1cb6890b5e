import { existsSync } from 'node:fs';
import { recommendModel, type CatalogEntry } from '../catalog/catalog.js';
import { parseModelSource, type ModelSource } from '../catalog/modelSource.js';
import type { ModelRuntimeConfig } from '../createModelRuntime.js';
import { modelError } from '../errors.js';
import { validateGguf } from '../gguf/validateGguf.js';
import { detectGpu } from '../gpu/detectGpu.js';
import { pullModel, type PullProgress } from './pullModel.js';

export interface EnsureModelOptions {
  /** Asks the user a yes/no question (only called when something must be downloaded). */
  confirm(question: string): Promise<boolean>;
  /** Download without asking (`--yes`). */
  yes: boolean;
  onProgress?: (progress: PullProgress) => void;
  signal?: AbortSignal;
}

export interface ModelAvailability<C extends ModelRuntimeConfig> {
  /** The GGUF to run; undefined for runtimes that need no local file (openai, replay). */
  path: string | undefined;
  /** Whether it was downloaded just now. */
  pulled: boolean;
  /** The catalog model chosen when none was configured. */
  recommended?: CatalogEntry;
  /** `config` with `model.path` pointing at the file: pass it to `createModelRuntime`. */
  config: C;
}

function gigabytes(bytes: number): string {
  return `${(bytes / 1e9).toFixed(1)} GB`;
}

function describe(source: Exclude<ModelSource, { kind: 'path' }>): string {
  return source.kind === 'alias' ? `${source.entry.alias} (${gigabytes(source.entry.sizeBytes)}, ${source.entry.licence})` : source.uri;
}

/**
 * Makes sure the configured local model exists: a path must exist and be a valid GGUF; an alias
 * or URI not yet downloaded is pulled after `confirm` (or at once with `yes`); with nothing
 * configured, the catalog's pick for the detected GPU is offered. Declined or offline: a
 * KrepisError that says exactly what to do.
 */
export async function ensureModelAvailable<C extends ModelRuntimeConfig>(config: C, options: EnsureModelOptions): Promise<ModelAvailability<C>> {
  if (config.model.runtime !== 'llama') return { path: undefined, pulled: false, config };
  let recommended: CatalogEntry | undefined;
  let spec = config.model.path;
  if (spec === undefined) {
    const gpu = await detectGpu(config.model.gpu);
    recommended = recommendModel(gpu.vram?.total);
    spec = recommended.alias;
  }
  const source = parseModelSource(spec, config);
  const withPath = (path: string): C => ({ ...config, model: { ...config.model, path } });
  if (existsSync(source.file)) {
    await validateGguf(source.file);
    return { path: source.file, pulled: false, ...(recommended ? { recommended } : {}), config: withPath(source.file) };
  }
  if (source.kind === 'path') {
    throw modelError('notFound', `Model file not found: ${source.file}`, 'Fix `model.path`, or set it to a catalog alias (`krepis model list`) to download one.', { details: { path: source.file } });
  }
  const why = recommended ? 'No model is configured; the recommended one for this machine is' : 'The configured model is not downloaded yet:';
  const question = `${why} ${describe(source)}. Download it into ${source.file}?`;
  if (!options.yes && !(await options.confirm(question))) {
    throw modelError('declined', `Model ${spec} is not available locally and the download was declined`, `Run \`krepis model pull ${spec}\` (or \`krepis ai --yes\` to download it without asking), or set \`model.path\` to a .gguf file you already have.`, { details: { spec, file: source.file } });
  }
  const pulled = await pullModel(spec, config, { onProgress: options.onProgress, signal: options.signal });
  return { path: pulled.path, pulled: true, ...(recommended ? { recommended } : {}), config: withPath(pulled.path) };
}
