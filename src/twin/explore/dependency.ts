import type { Access } from '../engine/Task.js';

/** Two steps conflict when they touch one location and at least one of them writes it. */
export function dependent(a: readonly Access[], b: readonly Access[]): boolean {
  for (const x of a) {
    for (const y of b) if (x.loc === y.loc && (x.write || y.write)) return true;
  }
  return false;
}

export interface TraceEvent {
  readonly task: number;
  readonly accesses: readonly Access[];
}

/** Per event, lane → index of the latest event of that lane that happened before it (inclusive). */
export type Clocks = Map<number, number>[];

/** Happens-before over the dependency relation (program order within a lane, plus conflicts). */
export function happensBeforeClocks(events: readonly TraceEvent[]): Clocks {
  const clocks: Clocks = [];
  const lastOfLane = new Map<number, number>();
  for (let j = 0; j < events.length; j++) {
    const event = events[j] as TraceEvent;
    const previous = lastOfLane.get(event.task);
    const clock = new Map(previous === undefined ? [] : (clocks[previous] as Map<number, number>));
    for (let i = j - 1; i >= 0; i--) {
      const other = events[i] as TraceEvent;
      if (other.task === event.task || (clock.get(other.task) ?? -1) >= i || !dependent(other.accesses, event.accesses)) continue;
      for (const [lane, index] of clocks[i] as Map<number, number>) if ((clock.get(lane) ?? -1) < index) clock.set(lane, index);
    }
    clock.set(event.task, j);
    clocks[j] = clock;
    lastOfLane.set(event.task, j);
  }
  return clocks;
}

/** Whether event `a` happened before event `b`. */
export const before = (events: readonly TraceEvent[], clocks: Clocks, a: number, b: number): boolean => ((clocks[b] as Map<number, number>).get((events[a] as TraceEvent).task) ?? -1) >= a;

/**
 * Races (as in source-set DPOR): pairs i < j of different lanes that conflict and are not ordered
 * through any step between them. Calls `race(i, j)` for each; DPOR then tries the other order at i.
 */
export function findReversibleRaces(events: readonly TraceEvent[], clocks: Clocks, race: (i: number, j: number) => void): void {
  for (let j = 0; j < events.length; j++) {
    const event = events[j] as TraceEvent;
    for (let i = j - 1; i >= 0; i--) {
      const other = events[i] as TraceEvent;
      if (other.task === event.task || !dependent(other.accesses, event.accesses)) continue;
      // A race unless some step between them is after i and before j.
      let direct = true;
      for (let k = i + 1; k < j && direct; k++) if (before(events, clocks, i, k) && before(events, clocks, k, j)) direct = false;
      if (direct) race(i, j);
    }
  }
}

/**
 * The lanes that can start the reversal of race (i, j): the first steps of "everything after i not
 * caused by i, then j" that nothing else in that sequence happened before (source-DPOR initials).
 */
export function initials(events: readonly TraceEvent[], clocks: Clocks, i: number, j: number): number[] {
  const sequence: number[] = [];
  for (let k = i + 1; k < j; k++) if (!before(events, clocks, i, k)) sequence.push(k);
  sequence.push(j);
  const lanes: number[] = [];
  for (const k of sequence) {
    if (sequence.some((m) => m < k && before(events, clocks, m, k))) continue;
    const lane = (events[k] as TraceEvent).task;
    if (!lanes.includes(lane)) lanes.push(lane);
  }
  return lanes;
}
