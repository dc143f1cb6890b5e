import type { Ports } from '@krepis/kernel';
import type { Run } from '../engine/Run.js';
import { createSeededRandom, createVirtualClock, type VirtualClock } from './clockAndRandom.js';
import { createSimulatedNet, createTraceLogger } from './netAndLogger.js';
import { createSimulatedJournal } from './simulatedJournal.js';
import { createSimulatedLocks } from './simulatedLocks.js';
import { createSimulatedStorage } from './simulatedStorage.js';

/** The twin's adapters of every kernel port, bound to one run. */
export interface TwinPorts extends Ports {
  readonly clock: VirtualClock;
  /** Drops what a crash loses (held locks). */
  resetVolatile(): void;
}

export function createTwinPorts(run: Run): TwinPorts {
  const locks = createSimulatedLocks(run);
  return {
    clock: createVirtualClock(run),
    random: createSeededRandom(run),
    storage: createSimulatedStorage(run),
    journal: createSimulatedJournal(run),
    locks,
    net: createSimulatedNet(run),
    logger: createTraceLogger(run),
    resetVolatile: () => locks.reset(),
  };
}
