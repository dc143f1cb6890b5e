import type { StateView } from '@krepis/kernel';
import type { TraceStep, ViolationKind } from '../types.js';
import { Detectors } from './Detectors.js';
import { Faults } from './Faults.js';
import { join53, mix } from './hash.js';
import { Memory } from './Memory.js';
import { deriveSeed, Prng } from './prng.js';
import type { LivenessState } from './properties.js';
import { EPOCH_MS, type Finding, type Phase, type RunOptions, type RunResult } from './runTypes.js';
import { stateView, threadStates, type ThreadStateEntry } from './stateView.js';
import { type Access, happensBefore, type Task } from './Task.js';
import type { TaskWorld, Wake } from './taskContext.js';

/**
 * The world one run simulates and what it records: virtual time, tasks, shared memory and its
 * detectors, findings, the trace and the state digests. The task layer (RunTasks.ts) and the
 * scheduler loop (Run.ts) build on it.
 */
export class RunWorld implements TaskWorld {
  now = EPOCH_MS;
  readonly startedAt = EPOCH_MS;
  /** Counter for deferred names, per run so names replay identically. */
  deferreds = 0;
  current: Task | undefined;
  readonly tasks: Task[] = [];
  /** Tasks that may still run (compacted as tasks finish). */
  protected active: Task[] = [];
  readonly memory = new Memory();
  readonly faults: Faults;
  readonly prng: Prng;
  readonly findings: Finding[] = [];
  readonly trace: TraceStep[] = [];
  readonly decisions: number[] = [];
  readonly states: number[] = [];
  readonly storage = new Map<string, { value: Uint8Array; version: number }>();
  readonly journals = new Map<string, { bytes: Uint8Array; durable: number }>();
  readonly starvationLimit: number;
  protected readonly detectors: Detectors;
  app: unknown;
  step = 0;
  stepAccesses: Access[] = [];
  protected phase: Phase = 'setup';
  private taskHi = 0;
  protected abandoned = false;
  protected readonly liveness: LivenessState;
  protected readonly keepTrace: boolean;
  protected readonly maxSteps: number;
  /** Per-step access lists are only built for choosers that look at them (DPOR). */
  protected readonly recordAccesses: boolean;
  /** Whether state digests are kept: access values only matter then (ports may skip building them). */
  readonly countStates: boolean;
  /** Whether the scenario has invariants or liveness properties to check after every step. */
  protected readonly checksEveryStep: boolean;
  /** The task the current step resumed (its continuation runs until its next scheduling point). */
  protected stepTask: Task | undefined;
  /** Set by the promise hooks when a task's code settled a promise another task made (taskContext.ts). */
  woke = false;
  /** Set once a task of this run waited on a plain promise (taskContext.ts). */
  tracking = false;
  /** Tasks other than the step's own that a plain promise woke during this step (their digest is re-added at its end). */
  private readonly wokenTasks: Task[] = [];

  constructor(readonly options: RunOptions) {
    this.prng = new Prng(deriveSeed(options.seed, 1));
    this.faults = new Faults(deriveSeed(options.seed, 2), options.chaos);
    this.keepTrace = options.trace ?? true;
    this.maxSteps = options.maxSteps ?? options.scenario.maxSteps ?? (options.scenario.workload ? 50_000_000 : 10_000);
    this.starvationLimit = options.starvationLimit ?? 25;
    this.recordAccesses = options.chooser.onStep !== undefined;
    this.countStates = options.countStates !== false || this.recordAccesses;
    this.memory.hashing = this.countStates;
    this.detectors = new Detectors(this.memory, (kind, message, details) => this.report(kind, message, details), () => this.active, this.starvationLimit);
    this.liveness = { satisfied: new Set() };
    this.checksEveryStep = options.scenario.invariants !== undefined || options.scenario.liveness !== undefined;
  }

  report(kind: ViolationKind, message: string, details?: Record<string, unknown>): void {
    if (this.findings.some((finding) => finding.kind === kind && finding.message === message)) return;
    this.findings.push({ kind, message, step: this.step, details });
  }

  /** Records an access by the current task to shared memory (tracked objects, storage). */
  access(loc: string, write: boolean, value: string, guarded = false): void {
    const task = this.current;
    if (!task || this.phase === 'done') return;
    if (this.recordAccesses) this.stepAccesses.push({ loc, write });
    if (write) this.detectors.write(task, loc, value, guarded, this.step);
    else this.detectors.read(task, loc, value, this.step);
  }

  /** A sleep, yield or lost compare-and-set by the current task (starvation evidence). */
  noteRetry(): void {
    if (this.current) this.detectors.retry(this.current);
  }

  /**
   * `task` resumed from a promise another task settled (not through a port): a happens-before edge
   * from the waker at the time it settled it, and a tick of the woken task's own clock.
   */
  woken(task: Task, wake: Wake): void {
    if (task.done || happensBefore(wake.vc, task.vc)) return;
    if (this.countStates && task !== this.stepTask && !this.wokenTasks.includes(task)) {
      this.taskDigest(task, -1);
      this.wokenTasks.push(task);
    }
    task.absorb(wake.vc);
    task.tick();
    this.logLine(task, 'resume', `woken by ${wake.by.name}`);
  }

  /** The step has ended: woken tasks reached their next scheduling point, their digest is current again. */
  protected wakesSettled(): void {
    this.woke = false;
    for (const task of this.wokenTasks) this.taskDigest(task, 1);
    this.wokenTasks.length = 0;
  }

  protected result(): RunResult {
    return {
      findings: this.findings,
      trace: this.trace,
      decisions: this.decisions,
      steps: this.step,
      states: this.states,
      virtualMs: this.now - EPOCH_MS,
      races: [...this.memory.racy],
      abandoned: this.abandoned,
      tasks: this.tasks,
    };
  }

  protected taskDigest(task: Task, sign: 1 | -1): void {
    void sign; // XOR is its own inverse: adding and removing a task's digest is the same operation
    if (!this.countStates) return;
    this.taskHi ^= mix(mix(task.id, task.steps), mix(task.local, task.status.length));
  }

  stateDigest(): number {
    return join53(mix(this.memory.digestHi, this.taskHi) ^ mix(this.now, 7), mix(this.memory.digestLo, this.taskHi ^ 0x5bd1e995) ^ this.now);
  }

  view(): StateView {
    return stateView(this);
  }

  /** Every unfinished task with its thread state (RUNNABLE, BLOCKED on what, SLEEPING until when). */
  threadStates(): ThreadStateEntry[] {
    return threadStates(this.tasks, this.now, EPOCH_MS);
  }

  /** A log line in the trace (not a scheduling point). */
  logLine(task: Task | undefined, op: string, note: string | undefined): void {
    if (this.keepTrace) this.trace.push({ step: this.step, time: this.now - EPOCH_MS, task: task?.name ?? 'twin', taskId: task?.id ?? -1, op, ...(note === undefined ? {} : { note }) });
  }
}
