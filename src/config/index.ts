export { resolveConfig, CONFIG_FILES, ENV_VARIABLES } from './resolveConfig.js';
export type { ResolveConfigOptions, ResolvedConfig } from './resolveConfig.js';
export { defaultConfig } from './defaults.js';
export { configSchema } from './schema.js';
export type { KrepisUserConfig, KrepisConfigValues } from './schema.js';
import type { KrepisUserConfig } from './schema.js';

/**
 * Identity helper for typed `krepis.config.ts` files.
 *
 * @example
 * ```ts
 * import { defineConfig } from 'krepis/config';
 * export default defineConfig({ model: { path: 'qwen2.5-coder-7b' } });
 * ```
 */
export const defineConfig = <T extends KrepisUserConfig>(config: T): T => config;
