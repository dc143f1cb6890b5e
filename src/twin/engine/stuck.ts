import type { ViolationKind } from '../types.js';
import type { Task, WaitTarget } from './Task.js';

interface StuckFinding {
  kind: ViolationKind;
  message: string;
  details: Record<string, unknown>;
}

const describeWait = (target: WaitTarget | undefined): string => {
  if (!target) return 'a promise the twin does not control';
  const held = target.holder ? ` held by ${target.holder.name}` : '';
  switch (target.kind) {
    case 'lock':
      return `lock "${target.name}"${held}`;
    case 'join':
      return `task ${target.name} to finish`;
    case 'deferred':
      return `deferred ${target.name}, which nobody settles`;
    default:
      return target.kind satisfies never;
  }
};

function waitOf(task: Task): WaitTarget | undefined {
  for (const op of task.ops) {
    const target = op.waitingFor?.();
    if (target) return target;
  }
  return undefined;
}

/** Follows wait-for edges from `start`; returns the cycle it closes, if any. */
function cycleFrom(start: Task): Task[] | undefined {
  const path: Task[] = [];
  let task: Task | undefined = start;
  while (task && !path.includes(task)) {
    path.push(task);
    task = waitOf(task)?.holder;
  }
  return task ? path.slice(path.indexOf(task)) : undefined;
}

/**
 * Nobody can run and no timer is pending: a deadlock when the wait-for graph (locks, joins) has a
 * cycle, otherwise a hang, naming what each stuck task waits for.
 */
export function findStuck(stuck: readonly Task[]): StuckFinding {
  for (const task of stuck) {
    const cycle = cycleFrom(task);
    if (!cycle) continue;
    const edges = cycle.map((member) => `${member.name} waits for ${describeWait(waitOf(member))}`);
    const locksOnly = cycle.every((member) => waitOf(member)?.kind === 'lock');
    const names = [...cycle, cycle[0] as Task].map((member) => member.name).join(' → ');
    return {
      kind: locksOnly ? 'deadlock' : 'hang',
      message: `${locksOnly ? 'deadlock' : 'await cycle'}: ${names} (${edges.join('; ')})`,
      details: { cycle: cycle.map((member) => member.name), edges },
    };
  }
  const waits = stuck.map((task) => `${task.name} waits for ${describeWait(waitOf(task))}`);
  return { kind: 'hang', message: `hang: every task is blocked and no timer is pending (${waits.join('; ')})`, details: { blocked: waits } };
}
