import { configSchema, type KrepisConfigValues } from './schema.js';

/** Every default value, as `resolveConfig()` fills them in. */
export const defaultConfig: Readonly<KrepisConfigValues> = Object.freeze(configSchema.parse({}));
