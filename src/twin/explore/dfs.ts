import { type Chooser, decodeDecision, defaultChoice, encodeDecision, isPreemption } from '../engine/choice.js';
import type { Access } from '../engine/Task.js';
import { dependent, findReversibleRaces, happensBeforeClocks, initials, type TraceEvent } from './dependency.js';

interface Frame {
  readonly enabled: number[];
  /** Decision code → lane of that op. */
  readonly laneOf: Map<number, number>;
  readonly preemptive: Set<number>;
  readonly preemptions: number;
  readonly sleep: Map<number, readonly Access[]>;
  readonly backtrack: Set<number>;
  readonly done: Map<number, readonly Access[]>;
  /** Branches left to other workers: never chosen here, never put to sleep. */
  readonly foreign: Set<number>;
  chosen: number;
}

/**
 * Depth-first exploration of schedules by re-execution: `exhaustive` tries every enabled op at every
 * step (pruning states already explored), `dpor` only the reorderings that race analysis proves can
 * matter, with sleep sets, under a preemption bound.
 */
export class DfsExplorer {
  private frames: Frame[] = [];
  private prefix = 0;
  private finished = false;
  private events: TraceEvent[] = [];
  private pendingSleep = new Map<number, readonly Access[]>();
  /** States reached by earlier schedules (exhaustive pruning). */
  readonly visited = new Set<number>();

  constructor(
    private readonly mode: 'exhaustive' | 'dpor',
    private readonly bound: number,
    /** Explore only every `stride`-th subtree of the first branching step (one worker's share). */
    private readonly split?: { offset: number; stride: number },
    /** Exhaustive only: skip states earlier schedules already explored, and use sleep sets. Default true; false is brute force. */
    private readonly prune = true,
  ) {}

  /** The steps of the last schedule (lane and own accesses), for trace-equivalence counting. */
  lastSteps: { lane: number; accesses: readonly Access[] }[] = [];

  private splitDone = false;

  get complete(): boolean {
    return this.finished;
  }

  /** A chooser for the next schedule, or `undefined` when every schedule has been covered. */
  nextChooser(): Chooser | undefined {
    if (this.finished) return undefined;
    this.events = [];
    this.lastSteps = [];
    this.pendingSleep = new Map();
    const seenThisRun = new Set<number>();
    const replayed = this.prefix;
    let depth = 0;
    return {
      everyStep: true,
      choose: (point) => {
        const d = depth++;
        if (d < this.prefix) {
          const frame = this.frames[d] as Frame;
          return decodeDecision(frame.chosen, point.ops) ?? defaultChoice(point);
        }
        const codes = point.ops.map((op) => encodeDecision(op, point.ops));
        const parent = this.frames[d - 1];
        const frame: Frame = {
          enabled: codes,
          laneOf: new Map(point.ops.map((op, i) => [codes[i] as number, op.task.id * 8 + op.lane])),
          preemptive: new Set(point.ops.filter((op) => isPreemption(op, point)).map((op) => encodeDecision(op, point.ops))),
          preemptions: parent ? parent.preemptions + (parent.preemptive.has(parent.chosen) ? 1 : 0) : 0,
          sleep: this.pendingSleep,
          backtrack: new Set(),
          done: new Map(),
          foreign: new Set(),
          chosen: -1,
        };
        const first = encodeDecision(defaultChoice(point), point.ops);
        let order = [first, ...codes.filter((code) => code !== first)];
        if (this.split && this.split.stride > 1 && !this.splitDone && codes.length > 1) {
          this.splitDone = true;
          const { offset, stride } = this.split;
          order = order.filter((_, i) => i % stride === offset);
          for (const code of codes) if (!order.includes(code)) frame.foreign.add(code);
          if (order.length === 0) {
            this.finished = true;
            return undefined;
          }
        }
        if (this.mode === 'exhaustive') for (const code of order) if (this.allowed(frame, code)) frame.backtrack.add(code);
        if (this.mode === 'exhaustive') for (const code of frame.foreign) frame.backtrack.delete(code);
        const pick = order.find((code) => !frame.sleep.has(code));
        if (pick === undefined) return undefined;
        frame.backtrack.add(pick);
        frame.chosen = pick;
        this.frames.push(frame);
        this.prefix = this.frames.length;
        return decodeDecision(pick, point.ops);
      },
      onStep: (event) => {
        const frame = this.frames[event.step - 1];
        if (!frame) return true;
        frame.done.set(frame.chosen, event.accesses);
        this.events.push({ task: event.lane, accesses: event.accesses });
        this.lastSteps.push({ lane: event.lane, accesses: event.accesses });
        const sleep = new Map<number, readonly Access[]>();
        for (const [code, accesses] of this.mode === 'exhaustive' && !this.prune ? [] : [...frame.sleep, ...frame.done]) {
          if (frame.laneOf.get(code) !== event.lane && !dependent(accesses, event.accesses)) sleep.set(code, accesses);
        }
        this.pendingSleep = sleep;
        if (this.mode !== 'exhaustive' || !this.prune) return true;
        if (event.step > replayed && this.visited.has(event.state) && !seenThisRun.has(event.state)) return false;
        seenThisRun.add(event.state);
        this.visited.add(event.state);
        return true;
      },
    };
  }

  private allowed(frame: Frame, code: number): boolean {
    return frame.preemptions + (frame.preemptive.has(code) ? 1 : 0) <= this.bound;
  }

  /** After a schedule: add the reorderings its races call for, then move to the next unexplored branch. */
  afterRun(): void {
    if (this.mode === 'dpor') {
      const clocks = happensBeforeClocks(this.events);
      findReversibleRaces(this.events, clocks, (i, j) => {
        const frame = this.frames[i];
        if (frame) this.addBacktrack(frame, initials(this.events, clocks, i, j), this.events[j]?.task ?? -1);
      });
    }
    for (let d = this.frames.length - 1; d >= 0; d--) {
      const frame = this.frames[d] as Frame;
      const next = [...frame.backtrack].find((code) => !frame.done.has(code) && !frame.sleep.has(code) && !frame.foreign.has(code) && this.allowed(frame, code));
      if (next !== undefined) {
        frame.chosen = next;
        this.frames.length = d + 1;
        this.prefix = d + 1;
        return;
      }
    }
    this.frames = [];
    this.finished = true;
  }

  /** Makes sure some lane of `candidates` is (or was) explored at `frame`; prefers `preferred`. */
  private addBacktrack(frame: Frame, candidates: number[], preferred: number): void {
    const codes = frame.enabled.filter((code) => candidates.includes(frame.laneOf.get(code) ?? -1));
    if (codes.length === 0) {
      for (const code of frame.enabled) frame.backtrack.add(code);
      return;
    }
    if (codes.some((code) => frame.backtrack.has(code) || frame.sleep.has(code))) return;
    frame.backtrack.add(codes.find((code) => frame.laneOf.get(code) === preferred) ?? (codes[0] as number));
  }
}
