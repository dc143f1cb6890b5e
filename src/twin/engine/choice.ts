import type { Access, Op, Task } from './Task.js';

/** A point where more than one op could run next. */
export interface DecisionPoint {
  readonly ops: readonly Op[];
  /** The task that ran the previous step (choosing another one of its ops is not a preemption). */
  readonly last: Task | undefined;
  /** How many steps have run. */
  readonly step: number;
  /** How many decisions have been taken before this one. */
  readonly decision: number;
}

/** One executed step, as exploration strategies see it. */
export interface StepEvent {
  readonly step: number;
  readonly task: Task;
  /** Task × 8 + the op's lane (see `Op.lane`): DPOR's notion of a thread. */
  readonly lane: number;
  readonly label: string;
  readonly accesses: readonly Access[];
  /** Ops that could have run instead (including the one that ran). */
  readonly enabled: readonly Op[];
  readonly preemption: boolean;
  /** State digest after the step. */
  readonly state: number;
}

/** Decides who runs next; `undefined` abandons the run (a pruned, redundant schedule). */
export interface Chooser {
  /** Ask even when only one op can run (DFS strategies keep a frame per step). */
  readonly everyStep?: boolean;
  choose(point: DecisionPoint): Op | undefined;
  /** After each step; returning `false` abandons the run (state already explored). */
  onStep?(event: StepEvent): boolean | void;
  onTask?(task: Task): void;
}

/** Encodes which op was chosen so that a replay can find it again: task id and the op's rank in that task. */
export function encodeDecision(op: Op, ops: readonly Op[]): number {
  let rank = 0;
  for (const other of ops) if (other.task === op.task && other.id < op.id) rank++;
  return op.task.id * 8 + Math.min(rank, 7);
}

export function decodeDecision(code: number, ops: readonly Op[]): Op | undefined {
  const taskId = Math.floor(code / 8);
  const rank = code % 8;
  return ops.filter((op) => op.task.id === taskId)[rank];
}

/** No preemption: the last task again if it can run, else the oldest op. */
export function defaultChoice(point: DecisionPoint): Op {
  return point.ops.find((op) => op.task === point.last) ?? (point.ops[0] as Op);
}

/** Whether running `op` preempts the last task (which could have continued). */
export const isPreemption = (op: Op, point: Pick<DecisionPoint, 'ops' | 'last'>): boolean =>
  point.last !== undefined && op.task !== point.last && point.ops.some((other) => other.task === point.last);
