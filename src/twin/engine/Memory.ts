import { hash32, hash32b, mix } from './hash.js';
import type { Task } from './Task.js';

/** A read-modify-write split by a yield, with another task's write in between. */
export interface AtomicityFinding {
  loc: string;
  task: Task;
  readStep: number;
  writer: Task;
  writeStep: number;
}

interface Epoch {
  readonly task: Task;
  readonly tick: number;
  readonly step: number;
}

interface ReadMark {
  readonly step: number;
  readonly taskStep: number;
}

const ordered = (earlier: Epoch, later: Task): boolean => earlier.task === later || (later.vc.get(earlier.task.id) ?? 0) >= earlier.tick;

/**
 * SimulatedMemory: every read and write of shared state (storage cells, journals, tracked objects)
 * with happens-before (vector-clock epochs). Finds atomicity violations and counts races, and keeps
 * an incremental digest of the shared state for state counting.
 */
export class Memory {
  /** Locations with conflicting accesses not ordered by happens-before. */
  readonly racy = new Set<string>();
  digestHi = 0;
  digestLo = 0;
  /** Keep the state digest (off for plain runs that count no states). */
  hashing = true;
  private readonly lastWrite = new Map<string, Epoch>();
  private readonly reads = new Map<string, Map<number, ReadMark>>();
  private readonly values = new Map<string, [number, number]>();

  read(task: Task, loc: string, step: number): void {
    const write = this.lastWrite.get(loc);
    if (write && !ordered(write, task)) this.racy.add(loc);
    let byTask = this.reads.get(loc);
    if (!byTask) this.reads.set(loc, (byTask = new Map()));
    byTask.set(task.id, { step, taskStep: task.steps });
  }

  /** Records a write; `guarded` writes (compare-and-set) cannot lose an update. */
  write(task: Task, loc: string, step: number, value: string, guarded: boolean): AtomicityFinding | undefined {
    const previous = this.lastWrite.get(loc);
    const read = this.reads.get(loc)?.get(task.id);
    let finding: AtomicityFinding | undefined;
    if (!guarded && read && previous && previous.task !== task && read.taskStep < task.steps && previous.step > read.step) {
      finding = { loc, task, readStep: read.step, writer: previous.task, writeStep: previous.step };
    }
    if (previous && !ordered(previous, task)) this.racy.add(loc);
    this.lastWrite.set(loc, { task, tick: task.vc.get(task.id) ?? 0, step });
    this.reads.get(loc)?.delete(task.id);
    this.setValue(loc, value);
    return finding;
  }

  /** Updates the digest of `loc` without a task (setup, recovery, crash). */
  setValue(loc: string, value: string): void {
    if (!this.hashing) return;
    const old = this.values.get(loc);
    if (old) {
      this.digestHi ^= old[0];
      this.digestLo ^= old[1];
    }
    const place = hash32(loc);
    const content = hash32b(value);
    const next: [number, number] = [mix(place, content), mix(content ^ 0x9e3779b9, place)];
    this.values.set(loc, next);
    this.digestHi ^= next[0];
    this.digestLo ^= next[1];
  }
}
