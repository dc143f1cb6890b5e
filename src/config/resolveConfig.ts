import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createJiti } from 'jiti';
import type { z } from 'zod';
import { KrepisError } from '../errors/index.js';
import { configSchema, type KrepisConfigValues, type KrepisUserConfig } from './schema.js';

/** Config file names looked up in the project root, in this order. */
export const CONFIG_FILES = ['krepis.config.ts', 'krepis.config.js', 'krepis.config.mjs', 'krepis.config.json'] as const;

export interface ResolveConfigOptions {
  /** Project root. Default `process.cwd()`. */
  cwd?: string;
  /** An explicit config file (`--config`); it must exist. */
  configFile?: string;
  /** Environment to read `KREPIS_*` from. Default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Values from command-line flags; they win over everything else. */
  overrides?: KrepisUserConfig;
}

export interface ResolvedConfig extends KrepisConfigValues {
  /** Absolute project root. */
  readonly root: string;
  /** Where the values came from, lowest priority first (`defaults`, a file, `env`, `flags`). */
  readonly sources: readonly string[];
}

type Coerce = (raw: string) => unknown;
const asString: Coerce = (raw) => raw;
const asNumber: Coerce = (raw) => (raw.trim() !== '' && !Number.isNaN(Number(raw)) ? Number(raw) : raw);
const asGpu: Coerce = (raw) => (['false', 'cpu', 'off', '0'].includes(raw.toLowerCase()) ? false : raw);
const asLayers: Coerce = (raw) => (raw === 'auto' || raw === 'max' ? raw : asNumber(raw));
const asBoolean: Coerce = (raw) => (['1', 'true', 'yes'].includes(raw.toLowerCase()) ? true : ['0', 'false', 'no'].includes(raw.toLowerCase()) ? false : raw);

/** Every environment variable Krepis reads, and the config field it sets. */
export const ENV_VARIABLES: Readonly<Record<string, readonly [section: keyof KrepisConfigValues, key: string, coerce: Coerce]>> = {
  KREPIS_MODEL: ['model', 'path', asString],
  KREPIS_MODEL_PATH: ['model', 'path', asString],
  KREPIS_MODEL_RUNTIME: ['model', 'runtime', asString],
  KREPIS_MODEL_URL: ['model', 'url', asString],
  KREPIS_MODEL_API_KEY: ['model', 'apiKey', asString],
  KREPIS_MODEL_NAME: ['model', 'name', asString],
  KREPIS_MODELS_DIR: ['model', 'dir', asString],
  KREPIS_GPU: ['model', 'gpu', asGpu],
  KREPIS_GPU_LAYERS: ['model', 'gpuLayers', asLayers],
  KREPIS_CONTEXT_SIZE: ['model', 'contextSize', asNumber],
  KREPIS_THREADS: ['model', 'threads', asNumber],
  KREPIS_SEED: ['model', 'seed', asNumber],
  KREPIS_EMBEDDING_MODEL: ['model', 'embeddingPath', asString],
  KREPIS_INDEX_DIR: ['index', 'dir', asString],
  KREPIS_SURREAL_URL: ['graph', 'url', asString],
  KREPIS_QDRANT_URL: ['vectors', 'url', asString],
  KREPIS_QDRANT_API_KEY: ['vectors', 'apiKey', asString],
  KREPIS_ATTEMPTS: ['agent', 'attempts', asNumber],
  KREPIS_FULL: ['agent', 'full', asBoolean],
  KREPIS_BATCH_CONCURRENCY: ['batch', 'concurrency', asNumber],
};

type Layer = Record<string, Record<string, unknown>>;

function envLayer(env: NodeJS.ProcessEnv): Layer {
  const layer: Layer = {};
  for (const [name, [section, key, coerce]] of Object.entries(ENV_VARIABLES)) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    (layer[section] ??= {})[key] = coerce(raw);
  }
  return layer;
}

function mergeLayers(layers: readonly unknown[]): unknown {
  const merged: Layer = {};
  for (const layer of layers) {
    if (layer === null || typeof layer !== 'object') continue;
    for (const [section, values] of Object.entries(layer as Record<string, unknown>)) {
      if (values !== null && typeof values === 'object' && !Array.isArray(values)) {
        merged[section] = { ...(merged[section] ?? {}), ...(values as Record<string, unknown>) };
      } else {
        (merged as Record<string, unknown>)[section] = values;
      }
    }
  }
  return merged;
}

async function readConfigFile(file: string): Promise<unknown> {
  try {
    if (file.endsWith('package.json')) {
      const pkg = JSON.parse(await readFile(file, 'utf8')) as { krepis?: unknown };
      return pkg.krepis ?? {};
    }
    if (file.endsWith('.json')) return JSON.parse(await readFile(file, 'utf8'));
    const jiti = createJiti(import.meta.url, { moduleCache: false });
    return await jiti.import(file, { default: true });
  } catch (cause) {
    throw new KrepisError('KREPIS_CONFIG_UNREADABLE', `Cannot read config file ${file}: ${(cause as Error).message}`, {
      kind: 'usage',
      hint: 'Fix the syntax of the file, or remove it to use the defaults.',
      cause,
    });
  }
}

async function findConfigFile(root: string): Promise<string | undefined> {
  for (const name of CONFIG_FILES) {
    const file = path.join(root, name);
    if (existsSync(file)) return file;
  }
  const pkgFile = path.join(root, 'package.json');
  if (!existsSync(pkgFile)) return undefined;
  try {
    const pkg = JSON.parse(await readFile(pkgFile, 'utf8')) as { krepis?: unknown };
    return pkg.krepis === undefined ? undefined : pkgFile;
  } catch {
    return undefined;
  }
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const field = issue.path.length > 0 ? issue.path.join('.') : '(root)';
  if (issue.code === 'unrecognized_keys') {
    const prefix = issue.path.length > 0 ? `${field}.` : '';
    return `unknown field ${issue.keys.map((key) => `"${prefix}${key}"`).join(', ')}`;
  }
  return `${field}: ${issue.message}`;
}

/**
 * Resolves the Krepis configuration: defaults, then the project's config file
 * (`krepis.config.{ts,js,mjs,json}` or `package.json#krepis`), then `KREPIS_*` environment
 * variables, then command-line flags. The result is validated and frozen.
 *
 * @throws KrepisError `KREPIS_CONFIG_INVALID` naming the source, the field and what was expected.
 */
export async function resolveConfig(options: ResolveConfigOptions = {}): Promise<ResolvedConfig> {
  const root = path.resolve(options.cwd ?? process.cwd());
  const env = options.env ?? process.env;
  let file: string | undefined;
  if (options.configFile !== undefined) {
    file = path.resolve(root, options.configFile);
    if (!existsSync(file)) {
      throw new KrepisError('KREPIS_CONFIG_NOT_FOUND', `Config file not found: ${file}`, {
        kind: 'usage',
        hint: 'Check the --config path, or leave it out to use krepis.config.* in the project root.',
      });
    }
  } else {
    file = await findConfigFile(root);
  }

  const sources = ['defaults'];
  const layers: { name: string; value: unknown }[] = [];
  if (file !== undefined) layers.push({ name: path.relative(root, file) || file, value: await readConfigFile(file) });
  layers.push({ name: 'env', value: envLayer(env) });
  if (options.overrides !== undefined) layers.push({ name: 'flags', value: options.overrides });

  // Validate each layer on its own first, so an error names the source it came from.
  for (const layer of layers) {
    const checked = configSchema.safeParse(layer.value);
    if (!checked.success) {
      const problems = checked.error.issues.map(describeIssue);
      throw new KrepisError('KREPIS_CONFIG_INVALID', `Invalid config in ${layer.name}: ${problems.join('; ')}`, {
        kind: 'usage',
        hint: `Fix ${layer.name === 'env' ? 'the KREPIS_* environment variable' : layer.name}; the fields are documented in the README under "Configuration".`,
        details: { source: layer.name, issues: checked.error.issues },
      });
    }
    sources.push(layer.name);
  }

  const values = configSchema.parse(mergeLayers(layers.map((layer) => layer.value)));
  return deepFreeze({ ...values, root, sources });
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
