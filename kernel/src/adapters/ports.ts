import path from 'node:path';
import type { Ports } from '../ports/index.js';
import { fetchNet } from './fetchNet.js';
import { FileJournalStore } from './FileJournalStore.js';
import { JournalStorage } from './JournalStorage.js';
import { jsonLogger, type JsonLoggerOptions } from './jsonLogger.js';
import { MemoryJournalStore } from './MemoryJournalStore.js';
import { MemoryLocks } from './MemoryLocks.js';
import { MemoryStorage } from './MemoryStorage.js';
import { systemClock } from './systemClock.js';
import { systemRandom } from './systemRandom.js';

/** Options for {@link productionPorts}. */
export interface ProductionPortsOptions {
  /** Directory for storage and journals (created when missing). */
  readonly dataDir: string;
  readonly log?: JsonLoggerOptions;
}

/**
 * Real ports: system clock, crypto randomness, durable file storage and journals under
 * `dataDir` (fsync on every commit, group-committed), in-process locks, `fetch`, JSON logs.
 *
 * @example
 * ```ts
 * const ports = productionPorts({ dataDir: './data' });
 * const app = createApp({ ports, controllers: [todosController] });
 * ```
 */
export function productionPorts(options: ProductionPortsOptions): Ports {
  const clock = systemClock();
  const journal = new FileJournalStore(path.join(options.dataDir, 'journal'));
  return {
    clock,
    random: systemRandom(),
    storage: new JournalStorage(new FileJournalStore(path.join(options.dataDir, 'storage'))),
    journal,
    locks: new MemoryLocks(),
    net: fetchNet(),
    logger: jsonLogger({ clock, ...options.log }),
  };
}

/**
 * Ports for tests: real clock and randomness, in-memory storage and journals, silent logger
 * unless `log` says otherwise. Override any port with `overrides`.
 *
 * @example
 * ```ts
 * const ports = memoryPorts();
 * const todos = todosService.create(ports);
 * ```
 */
export function memoryPorts(overrides: Partial<Ports> = {}): Ports {
  const clock = overrides.clock ?? systemClock();
  return {
    clock,
    random: systemRandom(),
    storage: new MemoryStorage(),
    journal: new MemoryJournalStore(),
    locks: new MemoryLocks(),
    net: fetchNet(),
    logger: jsonLogger({ clock, write: () => undefined }),
    ...overrides,
  };
}
