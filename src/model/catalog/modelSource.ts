import { existsSync } from 'node:fs';
import path from 'node:path';
import { modelError } from '../errors.js';
import { findCatalogEntry, modelDir, type CatalogEntry } from './catalog.js';

/** What `model.path` (or `krepis model pull <arg>`) names: a catalog alias, a download URI, or a file. */
export type ModelSource =
  | { kind: 'alias'; entry: CatalogEntry; uri: string; file: string }
  | { kind: 'uri'; uri: string; file: string }
  | { kind: 'path'; file: string };

/** The file name a download URI is saved under: `hf:user/Repo-GGUF:Q4_K_M` → `Repo-Q4_K_M.gguf`. */
export function fileNameForUri(uri: string): string {
  const hf = /^hf:[^/]+\/([^/:#]+)(?::([^/#]+))?$/.exec(uri);
  if (hf) return `${hf[1]!.replace(/-GGUF$/i, '')}${hf[2] ? `-${hf[2]}` : ''}.gguf`;
  const last = decodeURIComponent(uri.split(/[?#]/)[0]!.split('/').at(-1) ?? '');
  return last.endsWith('.gguf') ? last : `${last || 'model'}.gguf`;
}

/** Reads a model spec; downloads resolve to a file in the model folder. */
export function parseModelSource(spec: string, config: { model: { dir?: string | undefined }; root?: string }): ModelSource {
  const dir = modelDir(config);
  const entry = findCatalogEntry(spec);
  if (entry) return { kind: 'alias', entry, uri: entry.uri, file: path.join(dir, entry.file) };
  if (/^(hf:|https?:\/\/)/.test(spec)) return { kind: 'uri', uri: spec, file: path.join(dir, fileNameForUri(spec)) };
  return { kind: 'path', file: path.resolve(config.root ?? process.cwd(), spec) };
}

/**
 * The GGUF file `model.path` names, which must exist (nothing is downloaded here: `krepis model
 * pull` or `ensureModelAvailable()` do that).
 */
export function resolveModelPath(config: { model: { path?: string | undefined; dir?: string | undefined }; root?: string }): string {
  const spec = config.model.path;
  if (spec === undefined) {
    throw modelError('notConfigured', 'No model configured (model.path is not set)', 'Run `krepis model list` and `krepis model pull <alias>`, then set `model.path` to the alias or a .gguf path.');
  }
  const source = parseModelSource(spec, config);
  if (existsSync(source.file)) return source.file;
  const hint = source.kind === 'path' ? 'Fix `model.path`, or run `krepis model pull <alias>` (see `krepis model list`).' : `Run \`krepis model pull ${spec}\` to download it into ${path.dirname(source.file)}.`;
  throw modelError('notFound', `Model file not found: ${source.file}${source.kind === 'path' ? '' : ` (for "${spec}")`}`, hint, { details: { path: source.file, spec } });
}
