import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { modelError } from '../errors.js';

const entrySchema = z.strictObject({
  alias: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/),
  kind: z.enum(['chat', 'embedding']),
  description: z.string(),
  /** A URI node-llama-cpp's downloader resolves: `hf:<user>/<repo>:<quant>` or an https URL. */
  uri: z.string().regex(/^(hf:|https:\/\/)/),
  /** File name once downloaded into the model folder. */
  file: z.string().endsWith('.gguf'),
  sizeBytes: z.number().int().positive(),
  parameters: z.string(),
  quantization: z.string(),
  contextSize: z.number().int().positive(),
  licence: z.string(),
  /** Smallest total VRAM this model is recommended for (0: the CPU tier). */
  minVramBytes: z.number().int().nonnegative(),
});

const catalogSchema = z.strictObject({ version: z.literal(1), models: z.array(entrySchema).min(1) });

/** One recommended model of `models/catalog.json`. */
export type CatalogEntry = z.infer<typeof entrySchema>;

/** `models/catalog.json`, the same relative path from `src/model/catalog/` and `dist/model/catalog/`. */
export const catalogFile: string = fileURLToPath(new URL('../../../models/catalog.json', import.meta.url));

let cached: readonly CatalogEntry[] | undefined;

/** The model catalog, validated (a broken catalog is a bug in Krepis, so it throws). */
export function loadCatalog(file: string = catalogFile): readonly CatalogEntry[] {
  if (file === catalogFile && cached) return cached;
  const entries = catalogSchema.parse(JSON.parse(readFileSync(file, 'utf8'))).models;
  if (file === catalogFile) cached = entries;
  return entries;
}

/** The catalog entry for `alias`, or undefined. */
export function findCatalogEntry(alias: string): CatalogEntry | undefined {
  return loadCatalog().find((entry) => entry.alias === alias);
}

/** The entry for `alias`, or a usage error listing the known aliases. */
export function requireCatalogEntry(alias: string): CatalogEntry {
  const entry = findCatalogEntry(alias);
  if (entry) return entry;
  const known = loadCatalog().map((e) => e.alias).join(', ');
  throw modelError('unknownAlias', `Unknown model alias "${alias}"`, `Use one of: ${known}; or a path to a .gguf file, or an hf:/https: URI.`);
}

/**
 * The coder model to recommend for a GPU with `vramBytes` of total memory (undefined: no GPU):
 * the largest chat model whose tier fits.
 */
export function recommendModel(vramBytes: number | undefined): CatalogEntry {
  const chat = loadCatalog().filter((entry) => entry.kind === 'chat').sort((a, b) => b.minVramBytes - a.minVramBytes);
  return chat.find((entry) => entry.minVramBytes <= (vramBytes ?? 0)) ?? chat.at(-1)!;
}

/** The catalog's embedding model. */
export function recommendEmbeddingModel(): CatalogEntry {
  return loadCatalog().find((entry) => entry.kind === 'embedding')!;
}

/** Where pulled models live: `model.dir` (`~` expanded, relative to the project root), default `~/.krepis/models`. */
export function modelDir(config: { model: { dir?: string | undefined }; root?: string }): string {
  const dir = config.model.dir ?? '~/.krepis/models';
  const expanded = dir === '~' || dir.startsWith('~/') ? path.join(homedir(), dir.slice(1)) : dir;
  return path.resolve(config.root ?? process.cwd(), expanded);
}
