export { runCli } from './program.js';
export type { CliIO } from './program.js';
