import type { StateView } from '@krepis/kernel';
import type { Task, ThreadState } from './Task.js';

export interface ThreadStateEntry {
  task: string;
  state: ThreadState;
  /** For a sleeping task: virtual ms at which it wakes. */
  until?: number;
}

interface World {
  readonly now: number;
  readonly tasks: readonly Task[];
  readonly storage: ReadonlyMap<string, { value: Uint8Array; version: number }>;
  readonly journals: ReadonlyMap<string, { bytes: Uint8Array; durable: number }>;
}

const decoder = new TextDecoder();

/** The read-only view of the simulated world that invariants get. */
export function stateView(world: World): StateView {
  return {
    now: world.now,
    bytes: (tenant, key) => world.storage.get(`${tenant}\u0000${key}`)?.value,
    json: <T>(tenant: string, key: string) => {
      const bytes = world.storage.get(`${tenant}\u0000${key}`)?.value;
      return bytes === undefined ? undefined : (JSON.parse(decoder.decode(bytes)) as T);
    },
    journal: (log) => {
      const journal = world.journals.get(log);
      return journal ? journal.bytes.slice(0, journal.durable) : new Uint8Array();
    },
    running: world.tasks.filter((task) => !task.done).map((task) => task.name),
  };
}

/** ThreadStates of every task that has not finished (or still has an op pending). */
export function threadStates(tasks: readonly Task[], now: number, epoch: number): ThreadStateEntry[] {
  return tasks
    .filter((task) => !task.done || task.ops.length > 0)
    .map((task) => {
      const state = task.state(now);
      const until = state === 'sleeping' ? Math.min(...task.ops.map((op) => op.readyAt)) - epoch : undefined;
      return { task: task.name, state, ...(until === undefined ? {} : { until }) };
    });
}
