import type { CommandModule } from '../command.js';
import { contextCommand } from './contextCommand.js';
import { graphCommand } from './graphCommand.js';
import { indexCommand } from './indexCommand.js';
import { symbolCommand } from './symbolCommand.js';

/** The Tri-Store commands: `krepis index`, `symbol`, `graph`, `context`. */
export const tristoreCommands: CommandModule = {
  register(program, run) {
    for (const command of [indexCommand, symbolCommand, graphCommand, contextCommand]) command.register(program, run);
  },
};
