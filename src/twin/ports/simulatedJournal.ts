import type { JournalStore } from '@krepis/kernel';
import { hashBytes } from '../engine/hash.js';
import type { Run } from '../engine/Run.js';
import { TwinIoError } from './faultErrors.js';

const concat = (a: Uint8Array, b: Uint8Array): Uint8Array => {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
};

/**
 * A simulated append-only disk: bytes are durable only after `sync`; a crash keeps the synced
 * prefix plus any prefix of the unsynced tail (a torn write).
 */
export function createSimulatedJournal(run: Run): JournalStore {
  const logOf = (name: string) => {
    let log = run.journals.get(name);
    if (!log) run.journals.set(name, (log = { bytes: new Uint8Array(), durable: 0 }));
    return log;
  };
  const loc = (name: string) => `journal:${name}`;
  const io = <T>(label: string, name: string, write: boolean, effect: () => T): Promise<T> =>
    run.issue(label, [{ loc: loc(name), write }], () => {
      if (run.faults.ioError()) throw new TwinIoError(label);
      const value = effect();
      const log = logOf(name);
      // The log's content only feeds the state digest: hashing it is skipped when nobody counts states.
      run.access(loc(name), write, run.countStates ? `${log.bytes.length}:${log.durable}:${hashBytes(log.bytes)}` : '');
      return value;
    }, { readyAt: run.now + run.faults.latency() });

  return {
    append: (name, bytes) =>
      io(`journal.append ${name} (${bytes.length} B)`, name, true, () => {
        const log = logOf(name);
        const offset = log.bytes.length;
        log.bytes = concat(log.bytes, bytes);
        return offset;
      }),
    read: (name, offset = 0) => io(`journal.read ${name}`, name, false, () => logOf(name).bytes.slice(offset)),
    sync: (name) =>
      io(`journal.sync ${name}`, name, true, () => {
        const log = logOf(name);
        log.durable = log.bytes.length;
      }),
    truncate: (name, length) =>
      io(`journal.truncate ${name} to ${length}`, name, true, () => {
        const log = logOf(name);
        log.bytes = log.bytes.slice(0, length);
        log.durable = Math.min(log.durable, length);
      }),
    replace: (name, bytes) =>
      io(`journal.replace ${name}`, name, true, () => {
        const log = logOf(name);
        log.bytes = bytes.slice();
        log.durable = bytes.length;
      }),
  };
}
