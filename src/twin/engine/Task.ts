import type { OpOwner } from './OpPromise.js';
import type { TaskWorld } from './taskContext.js';

/** A memory location touched by a step; `write` marks a conflicting access. */
export interface Access {
  readonly loc: string;
  readonly write: boolean;
}

/** What a blocked op waits for (an edge of the wait-for graph when `holder` is known). */
export interface WaitTarget {
  readonly kind: 'lock' | 'join' | 'deferred';
  readonly name: string;
  readonly holder?: Task;
}

/** A pending scheduling point: one port call (or task start, timer, join) waiting to run. */
export interface Op {
  readonly id: number;
  readonly task: Task;
  readonly label: string;
  /** Virtual time before which it cannot run (sleeps, timers, injected latency). */
  readonly readyAt: number;
  readonly issuedAt: number;
  /** The issuing task's own vector-clock tick when it issued this op. */
  readonly issuerTick: number;
  /**
   * 0 for an op issued while the task had nothing else pending (the op it awaits); higher for ops
   * issued while an earlier one was still pending (not awaited), which may run in either order.
   */
  readonly lane: number;
  readonly accesses: readonly Access[];
  /** Why it cannot run now, or `undefined` when it can. */
  waitingFor?(): WaitTarget | undefined;
  /** Performs the effect and settles the caller's promise; returns a note for the trace. */
  run(): string | undefined;
}

export type TaskKind = 'setup' | 'actor' | 'spawn' | 'timer' | 'recover';

/** RUNNABLE / BLOCKED / SLEEPING / COMPLETED / FAILED, as shown in reports. */
export type ThreadState = 'runnable' | 'blocked' | 'sleeping' | 'completed' | 'failed';

/** One concurrent task of a run. */
export class Task implements OpOwner {
  readonly ops: Op[] = [];
  status: 'live' | 'completed' | 'failed' | 'crashed' = 'live';
  steps = 0;
  /** Digest of everything this task has observed: stands in for its local state. */
  local = 0;
  result: unknown;
  error: unknown;
  /** Someone awaited the outcome (join, or the twin itself for actors). */
  joined = false;
  opSeq = 0;
  /** Happens-before: the vector clock of this task. */
  readonly vc = new Map<number, number>();
  /** This task's own entry of {@link Task.vc} (others only ever learn lower ticks of it). */
  clock = 1;
  startedAt: number | undefined;
  finishedAt: number | undefined;
  /** Virtual ms spent waiting on locks, joins and deferreds. */
  queuedMs = 0;
  /** Retries (sleeps, yields, lost compare-and-sets) since this task last wrote anything. */
  retries = 0;
  /** Whether it read shared state since its last retry (polling, not just sleeping). */
  polled = false;
  /** Writes by anyone when this task last made progress. */
  writesAtProgress = 0;
  /** PCT priority. */
  priority = 0;
  /** Whether it has started awaiting a pending op since the scheduler began watching it (see OpPromise.ts). */
  awaitsOp = false;
  /**
   * A background timer: armed by setup or recovery, by a background timer's callback, or a
   * `setInterval` beat. Like a server's heartbeat it runs alongside the actors but keeps no run alive.
   */
  background = false;
  /** The run it belongs to, as the promise hooks that attribute its continuations see it (taskContext.ts). */
  world!: TaskWorld;

  constructor(
    readonly id: number,
    readonly name: string,
    readonly kind: TaskKind,
    readonly arrivedAt: number,
    readonly parent?: Task,
  ) {
    if (parent) for (const [id, tick] of parent.vc) this.vc.set(id, tick);
    this.vc.set(id, 1);
  }

  get done(): boolean {
    return this.status !== 'live';
  }

  /** A background timer that has not fired yet: nothing the actors do waits for it. */
  get idleBackground(): boolean {
    return this.background && this.startedAt === undefined && this.status === 'live';
  }

  /** Removes a pending op that is about to run (usually the only one, or the last). */
  drop(op: Op): void {
    if (this.ops[this.ops.length - 1] === op) this.ops.pop();
    else this.ops.splice(this.ops.indexOf(op), 1);
  }

  tick(): void {
    this.vc.set(this.id, ++this.clock);
  }

  /** Joins another vector clock into this one (a happens-before edge). */
  absorb(vc: ReadonlyMap<number, number>): void {
    for (const [id, tick] of vc) if ((this.vc.get(id) ?? 0) < tick) this.vc.set(id, tick);
  }

  state(now: number): ThreadState {
    if (this.status === 'completed') return 'completed';
    if (this.status !== 'live') return 'failed';
    if (this.ops.some((op) => op.readyAt <= now && !op.waitingFor?.())) return 'runnable';
    if (this.ops.some((op) => op.readyAt > now)) return 'sleeping';
    return 'blocked';
  }
}

/** Whether `a` happened before `b` (vector clocks). */
export function happensBefore(a: ReadonlyMap<number, number>, b: ReadonlyMap<number, number>): boolean {
  for (const [id, tick] of a) if ((b.get(id) ?? 0) < tick) return false;
  return true;
}
