/**
 * The kernel's ports: every source of nondeterminism (time, randomness, storage, journals,
 * locks, network, logs) reaches kernel and app code only through these interfaces. Production
 * adapters live in `../adapters/`; the twin implements the same interfaces.
 */
import type { Clock } from './Clock.js';
import type { JournalStore } from './JournalStore.js';
import type { Locks } from './Locks.js';
import type { Logger } from './Logger.js';
import type { Net } from './Net.js';
import type { Random } from './Random.js';
import type { Storage } from './Storage.js';

export type { Clock, TimerHandle } from './Clock.js';
export type { Random } from './Random.js';
export type { Storage, StoredValue, StorageEntry, StorageOp, WriteCondition, WriteResult, ListOptions, TenantId } from './Storage.js';
export type { JournalStore } from './JournalStore.js';
export type { Locks, LockLease } from './Locks.js';
export type { Net, NetRequest, NetResponse } from './Net.js';
export type { Logger, LogLevel, LogFields } from './Logger.js';

/**
 * All ports together, as injected into services.
 *
 * @example
 * ```ts
 * const ports: Ports = productionPorts({ dataDir: './data' });
 * const orders = ordersService.create(ports);
 * ```
 */
export interface Ports {
  readonly clock: Clock;
  readonly random: Random;
  readonly storage: Storage;
  readonly journal: JournalStore;
  readonly locks: Locks;
  readonly net: Net;
  readonly logger: Logger;
}
