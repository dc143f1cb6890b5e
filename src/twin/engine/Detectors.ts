import type { ViolationKind } from '../types.js';
import { mix } from './hash.js';
import type { Memory } from './Memory.js';
import type { Op, Task } from './Task.js';

type Report = (kind: ViolationKind, message: string, details?: Record<string, unknown>) => void;

/**
 * The detectors fed by every shared-memory access: lost updates (atomicity), reads that overtake
 * a write issued before them (order), and retry loops that never win (starvation).
 */
export class Detectors {
  private writes = 0;
  /** Pending (issued, not yet run) ops per location they will write: order checks only scan when one exists. */
  private readonly pendingWrites = new Map<string, number>();

  constructor(
    private readonly memory: Memory,
    private readonly report: Report,
    private readonly active: () => readonly Task[],
    private readonly starvationLimit: number,
  ) {}

  read(task: Task, loc: string, value: string, step: number): void {
    task.polled = true;
    this.memory.read(task, loc, step);
    // A task's local state only feeds the state digest.
    if (this.memory.hashing) task.local = mix(task.local, mix(loc.length, value.length) ^ value.charCodeAt(0));
    if (this.pendingWrites.has(loc)) this.checkPendingWrites(task, loc);
  }

  write(task: Task, loc: string, value: string, guarded: boolean, step: number): void {
    this.writes++;
    task.retries = 0;
    task.writesAtProgress = this.writes;
    const lost = this.memory.write(task, loc, step, value, guarded);
    if (!lost) return;
    this.report('atomicity', `lost update on ${loc}: ${task.name} read it at step ${lost.readStep}, ${lost.writer.name} wrote it at step ${lost.writeStep}, then ${task.name} overwrote it at step ${step} with a value computed from the stale read`, {
      location: loc,
      task: task.name,
      interferer: lost.writer.name,
      steps: [lost.readStep, lost.writeStep, step],
    });
  }

  /** An op was issued: remember the locations it will write. */
  issued(op: Op): void {
    for (const access of op.accesses) if (access.write) this.pendingWrites.set(access.loc, (this.pendingWrites.get(access.loc) ?? 0) + 1);
  }

  /** An op ran (or was dropped by a crash). */
  retired(op: Op): void {
    for (const access of op.accesses) {
      if (!access.write) continue;
      const left = (this.pendingWrites.get(access.loc) ?? 1) - 1;
      if (left > 0) this.pendingWrites.set(access.loc, left);
      else this.pendingWrites.delete(access.loc);
    }
  }

  clearPending(): void {
    this.pendingWrites.clear();
  }

  /**
   * Evidence that `task` is waiting its turn (a sleep, a yield, a lost compare-and-set) after
   * polling shared state. Many in a row, while others keep writing, is starvation.
   */
  retry(task: Task): void {
    if (!task.polled) return;
    task.polled = false;
    if (++task.retries < this.starvationLimit) return;
    const others = this.writes - task.writesAtProgress;
    if (others >= this.starvationLimit) {
      this.report('starvation', `${task.name} retried ${task.retries} times without making progress while other tasks wrote ${others} times`, { task: task.name, retries: task.retries });
    }
  }

  /** An order violation: a read runs before a write that was issued (happened) before it. */
  private checkPendingWrites(task: Task, loc: string): void {
    for (const other of this.active()) {
      for (const op of other.ops) {
        if (!op.accesses.some((access) => access.write && access.loc === loc)) continue;
        if (other === task || (task.vc.get(other.id) ?? 0) >= op.issuerTick) {
          this.report('order', `${task.name} read ${loc} before ${other.name}'s ${op.label}, issued earlier, had landed (missing await?)`, { location: loc, reader: task.name, writer: other.name });
        }
      }
    }
  }
}
