import type { CommandModule } from '../command.js';
import { aiCommand } from './ai.js';
import { batchCommand } from './batch.js';
import { benchmarkCommand } from './benchmark.js';
import { generateCommand } from './generate.js';
import { initCommand } from './init.js';
import { configCommand } from './config.js';
import { docsCommand } from './docs.js';
import { doctorCommand } from './doctor.js';
import { modelCommand } from './model.js';
import { rewriteCommand } from './rewrite.js';
import { undoCommand } from './undo.js';
import { verifyCommand } from './verify.js';
import { tristoreCommands } from './tristoreCommands.js';

/** Every `krepis` command. A command is listed here only once it works end to end. */
export const commands: readonly CommandModule[] = [
  doctorCommand,
  configCommand,
  modelCommand,
  batchCommand,
  rewriteCommand,
  aiCommand,
  undoCommand,
  verifyCommand,
  initCommand,
  generateCommand,
  benchmarkCommand,
  docsCommand,
  tristoreCommands,
];
