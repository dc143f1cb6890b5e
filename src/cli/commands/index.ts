import type { CommandModule } from '../command.js';
import { batchCommand } from './batch.js';
import { configCommand } from './config.js';
import { doctorCommand } from './doctor.js';
import { rewriteCommand } from './rewrite.js';

/** Every `krepis` command. A command is listed here only once it works end to end. */
export const commands: readonly CommandModule[] = [
  doctorCommand,
  configCommand,
  batchCommand,
  rewriteCommand,
];
