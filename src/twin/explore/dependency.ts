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

/**
 * Flanagan–Godefroid race analysis: for each step j, the latest earlier step i of another task that
 * conflicts with it and is not already ordered before it (happens-before over dependent steps).
 * Calls `race(i, j)` for each; DPOR then tries the other order at i.
 */
export function findReversibleRaces(events: readonly TraceEvent[], race: (i: number, j: number) => void): void {
  const clocks: Map<number, number>[] = [];
  const lastOfTask = new Map<number, number>();
  for (let j = 0; j < events.length; j++) {
    const event = events[j] as TraceEvent;
    const previous = lastOfTask.get(event.task);
    const clock = new Map(previous === undefined ? [] : (clocks[previous] as Map<number, number>));
    let raced = false;
    for (let i = j - 1; i >= 0; i--) {
      const other = events[i] as TraceEvent;
      if (other.task === event.task || !dependent(other.accesses, event.accesses)) continue;
      if (!raced && (clock.get(other.task) ?? -1) < i) {
        race(i, j);
        raced = true;
      }
      for (const [task, index] of clocks[i] as Map<number, number>) if ((clock.get(task) ?? -1) < index) clock.set(task, index);
    }
    clock.set(event.task, j);
    clocks[j] = clock;
    lastOfTask.set(event.task, j);
  }
}
