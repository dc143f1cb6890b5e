export { KrepisError, ExitCode, exitCodeFor, isKrepisError } from './KrepisError.js';
export type { ErrorKind, KrepisErrorOptions } from './KrepisError.js';
