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

interface ReadMark {
  step: number;
  taskStep: number;
}

/** One location: its last write (an epoch: writer, writer's clock tick, step) and each task's last read since. */
interface Cell {
  writer: Task | undefined;
  writeTick: number;
  writeStep: number;
  readers: Map<number, ReadMark> | undefined;
}

/** Whether the cell's last write happened before `task`'s current point (vector clocks). */
const ordered = (cell: Cell, task: Task): boolean => cell.writer === task || (task.vc.get((cell.writer as Task).id) ?? 0) >= cell.writeTick;

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
  /** One record per location, so an access costs one look-up by name. */
  private readonly cells = new Map<string, Cell>();
  private readonly values = new Map<string, [number, number]>();

  private cell(loc: string): Cell {
    let cell = this.cells.get(loc);
    if (!cell) this.cells.set(loc, (cell = { writer: undefined, writeTick: 0, writeStep: 0, readers: undefined }));
    return cell;
  }

  read(task: Task, loc: string, step: number): void {
    const cell = this.cell(loc);
    if (cell.writer && !ordered(cell, task)) this.racy.add(loc);
    const readers = (cell.readers ??= new Map());
    const mark = readers.get(task.id);
    if (mark) {
      mark.step = step;
      mark.taskStep = task.steps;
    } else readers.set(task.id, { step, taskStep: task.steps });
  }

  /** Records a write; `guarded` writes (compare-and-set) cannot lose an update. */
  write(task: Task, loc: string, step: number, value: string, guarded: boolean): AtomicityFinding | undefined {
    const cell = this.cell(loc);
    const previous = cell.writer;
    const read = cell.readers?.get(task.id);
    let finding: AtomicityFinding | undefined;
    if (!guarded && read && previous && previous !== task && read.taskStep < task.steps && cell.writeStep > read.step) {
      finding = { loc, task, readStep: read.step, writer: previous, writeStep: cell.writeStep };
    }
    if (previous && !ordered(cell, task)) this.racy.add(loc);
    cell.writer = task;
    cell.writeTick = task.clock;
    cell.writeStep = step;
    if (read) cell.readers?.delete(task.id);
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
