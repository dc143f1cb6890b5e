import type { ListOptions, Storage, StorageEntry, StorageOp, WriteResult } from '@krepis/kernel';
import { hashBytes } from '../engine/hash.js';
import type { Run } from '../engine/Run.js';
import { TwinIoError } from './faultErrors.js';

const cellKey = (tenant: string, key: string) => `${tenant}\u0000${key}`;
const loc = (tenant: string, key: string) => `storage:${tenant}/${key}`;
const cellNote = (cell: StorageEntry | { version: number } | undefined) => (cell ? `→ v${cell.version}` : '→ absent');
const versionNote = (result: WriteResult) => (result.ok ? `→ v${result.version}` : `→ conflict (v${result.currentVersion})`);

/**
 * Simulated storage: each call is a scheduling point with seeded latency and I/O faults; every
 * read and write goes to SimulatedMemory. Writes are durable once they resolve (they survive a crash).
 */
export function createSimulatedStorage(run: Run): Storage {
  const io = <T>(label: string, accesses: { loc: string; write: boolean }[], effect: () => T, note?: (value: T) => string): Promise<T> => {
    const delay = run.faults.latency();
    const faulty = run.faults.ioErrors
      ? () => {
          if (run.faults.ioError()) throw new TwinIoError(label);
          return effect();
        }
      : effect;
    return run.issue(label, accesses, faulty, { readyAt: run.now + delay, note });
  };

  // `where` is the cell's memory location, built once per call (it keys several maps per access).
  const read = (tenant: string, key: string, where = loc(tenant, key)) => {
    const cell = run.storage.get(cellKey(tenant, key));
    run.access(where, false, cell ? String(cell.version) : 'absent');
    return cell;
  };

  const write = (tenant: string, key: string, value: Uint8Array | undefined, ifVersion: number | undefined, where = loc(tenant, key)): WriteResult => {
    const id = cellKey(tenant, key);
    const current = run.storage.get(id);
    const version = current?.version ?? 0;
    if (ifVersion !== undefined && ifVersion !== version) {
      run.access(where, false, String(version));
      run.noteRetry();
      return { ok: false, reason: 'conflict', key, currentVersion: version };
    }
    if (value === undefined) {
      run.storage.delete(id);
      run.access(where, true, 'absent', ifVersion !== undefined);
      if (current) run.access(`keys:${tenant}`, false, 'delete');
      return { ok: true, version: 0 };
    }
    run.storage.set(id, { value: value.slice(), version: version + 1 });
    // The written value only feeds the state digest: hashing the bytes is skipped when nobody counts states.
    run.access(where, true, run.countStates ? `${version + 1}:${hashBytes(value)}` : '', ifVersion !== undefined);
    // Adding keys commutes with adding keys but not with listing: adds are recorded as reads of the
    // key set and a list as a (guarded) write, so DPOR sees exactly that dependency.
    if (!current) run.access(`keys:${tenant}`, false, 'add');
    return { ok: true, version: version + 1 };
  };

  const list = (tenant: string, options: ListOptions = {}): StorageEntry[] => {
    run.access(`keys:${tenant}`, true, 'list', true);
    const prefix = `${tenant}\u0000${options.prefix ?? ''}`;
    const entries: StorageEntry[] = [];
    for (const [id, cell] of run.storage) {
      const key = id.slice(tenant.length + 1);
      if (!id.startsWith(prefix) || (options.after !== undefined && key <= options.after)) continue;
      run.access(loc(tenant, key), false, String(cell.version));
      entries.push({ key, value: cell.value.slice(), version: cell.version });
    }
    entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return options.limit === undefined ? entries : entries.slice(0, options.limit);
  };

  const batch = (tenant: string, ops: readonly StorageOp[]): WriteResult => {
    for (const op of ops) {
      const version = run.storage.get(cellKey(tenant, op.key))?.version ?? 0;
      if (op.ifVersion !== undefined && op.ifVersion !== version) return { ok: false, reason: 'conflict', key: op.key, currentVersion: version };
    }
    let last: WriteResult = { ok: true, version: 0 };
    for (const op of ops) last = write(tenant, op.key, op.type === 'put' ? op.value : undefined, op.ifVersion);
    return last;
  };


  return {
    get: (tenant, key) => {
      const where = loc(tenant, key);
      return io(`storage.get ${tenant}/${key}`, [{ loc: where, write: false }], () => {
        const cell = read(tenant, key, where);
        return cell ? { value: cell.value.slice(), version: cell.version } : undefined;
      }, cellNote);
    },
    put: (tenant, key, value, condition) => {
      const where = loc(tenant, key);
      return io(`storage.put ${tenant}/${key}${condition?.ifVersion === undefined ? '' : ` if v${condition.ifVersion}`}`, [{ loc: where, write: true }], () => write(tenant, key, value, condition?.ifVersion, where), versionNote);
    },
    delete: (tenant, key, condition) => {
      const where = loc(tenant, key);
      return io(`storage.delete ${tenant}/${key}`, [{ loc: where, write: true }], () => write(tenant, key, undefined, condition?.ifVersion, where), versionNote);
    },
    list: (tenant, options) => io(`storage.list ${tenant}/${options?.prefix ?? ''}*`, [{ loc: `keys:${tenant}`, write: true }], () => list(tenant, options), (entries) => `→ ${entries.length} entries`),
    batch: (tenant, ops) => io(`storage.batch ${tenant} (${ops.length} ops)`, ops.map((op) => ({ loc: loc(tenant, op.key), write: true })), () => batch(tenant, ops), versionNote),
  };
}
