import type { ChaosProfile, Scenario, ScenarioSetup, StateView } from '@krepis/kernel';
import type { TraceStep, ViolationKind } from '../types.js';
import { type Chooser, encodeDecision, isPreemption } from './choice.js';
import { Faults } from './Faults.js';
import { join53, mix } from './hash.js';
import { absorbRejection, type OpPromise, type OpPromiseConstructor, opPromiseClassFor, StepWatch } from './OpPromise.js';
import { Detectors } from './Detectors.js';
import { Memory } from './Memory.js';
import { deriveSeed, Prng } from './prng.js';
import { findStuck } from './stuck.js';
import { stateView, threadStates, type ThreadStateEntry } from './stateView.js';
import { type Access, type Op, Task, type TaskKind, type WaitTarget } from './Task.js';
import { trackObject } from './track.js';
import { createTwinPorts } from '../ports/createTwinPorts.js';
import { startActors } from './actors.js';
import { timeCanHelp, unfinished } from './background.js';
import { checkAtEnd, checkProperties, checkLiveness, type LivenessState } from './properties.js';

/** Virtual time starts at a fixed, realistic instant so `Date` values look plausible. */
export const EPOCH_MS = 1_767_225_600_000;

/** A violation as found inside a run (the explorer adds the scenario, trace and token). */
export interface Finding {
  kind: ViolationKind;
  message: string;
  step: number;
  details?: Record<string, unknown>;
}

export interface RunOptions {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly chooser: Chooser;
  /** Chaos profile in force, if any. */
  readonly chaos?: ChaosProfile;
  /** Keep the readable trace (off while exploring fast, on for replays). Default true. */
  readonly trace?: boolean;
  readonly maxSteps?: number;
  /** Steps a waiter may watch others get the same lock (or win the same CAS) before it is starved. */
  readonly starvationLimit?: number;
  /** End the run at its first finding. Default true (benchmarks that count traces turn it off). */
  readonly stopOnFinding?: boolean;
  /** Hash and record the state after every step (off for a plain run nobody counts). Default true. */
  readonly countStates?: boolean;
  /** No scheduler loop: every port call runs on the next microtask (ports used outside a scenario). */
  readonly standalone?: boolean;
}

export interface RunResult {
  readonly findings: Finding[];
  readonly trace: TraceStep[];
  readonly decisions: number[];
  readonly steps: number;
  readonly states: number[];
  readonly virtualMs: number;
  /** Locations raced on (conflicting accesses not ordered by happens-before). */
  readonly races: readonly string[];
  readonly abandoned: boolean;
  readonly tasks: readonly Task[];
}

type Phase = 'setup' | 'actors' | 'recovering' | 'done';

// Read once: under a loader that proxies module namespaces (jiti, which runs the benchmarks and
// source-mode workers) every read of an imported binding is a proxy trap, and this runs every step.
const encodeChoice = encodeDecision;

/** Sorts ops by id (issue order), in place: insertion sort for the few ops a step usually sees. */
function sortById(ops: Op[]): Op[] {
  if (ops.length > 16) return ops.sort((a, b) => a.id - b.id);
  for (let i = 1; i < ops.length; i++) {
    const op = ops[i] as Op;
    let j = i - 1;
    for (; j >= 0 && (ops[j] as Op).id > op.id; j--) ops[j + 1] = ops[j] as Op;
    ops[j + 1] = op;
  }
  return ops;
}

/** One schedule of one scenario: the scheduler loop, the world state and the detectors. */
export class Run {
  now = EPOCH_MS;
  readonly startedAt = EPOCH_MS;
  /** Counter for deferred names, per run so names replay identically. */
  deferreds = 0;
  current: Task | undefined;
  readonly tasks: Task[] = [];
  /** Tasks that may still run (compacted as tasks finish). */
  private active: Task[] = [];
  /** Workload arrivals not yet started, in time order. */
  private readonly arrivals: { at: number; name: string; start: () => unknown }[] = [];
  private nextArrival = 0;
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
  private readonly detectors: Detectors;
  app: unknown;
  step = 0;
  stepAccesses: Access[] = [];
  private phase: Phase = 'setup';
  private nextOpId = 1;
  private taskHi = 0;
  private abandoned = false;
  private readonly liveness: LivenessState;
  /** The run whose ports the virtual globals (Date, setTimeout, Math.random) serve right now. */
  static active: Run | undefined;
  readonly ports;
  private readonly keepTrace: boolean;
  private readonly maxSteps: number;
  /** Per-step access lists are only built for choosers that look at them (DPOR). */
  private readonly recordAccesses: boolean;
  /** Whether state digests are kept: access values only matter then (ports may skip building them). */
  readonly countStates: boolean;
  /** Whether the scenario has invariants or liveness properties to check after every step. */
  private readonly checksEveryStep: boolean;

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
    this.ports = createTwinPorts(this);
    this.OpPromise = opPromiseClassFor(options.scenario);
    this.stepWatch = new StepWatch(this.safeTurn, this.OpPromise);
  }

  /** Setup context handed to `setup` and `recover`. */
  get setupContext(): ScenarioSetup {
    return { ports: this.ports, track: (name, value) => trackObject(this, name, value) };
  }

  // ── tasks and ops ──────────────────────────────────────────────────────────

  /**
   * Creates a task. An `eager` task starts right away, like an async function call in JavaScript:
   * it runs synchronously up to its first scheduling point, so its first real operation is pending
   * (and visible to DPOR) from the start. Others start through a scheduled `start` op.
   */
  spawnTask(name: string, kind: TaskKind, start: () => unknown, readyAt = this.now, eager = false): Task {
    const task = new Task(this.tasks.length, name, kind, readyAt, this.current);
    task.priority = this.prng.int(1, 1_000_000);
    this.tasks.push(task);
    this.active.push(task);
    this.options.chooser.onTask?.(task);
    this.taskDigest(task, 1);
    if (eager) this.begin(task, start);
    else {
      this.addOp(task, kind === 'timer' ? 'timer fires' : 'start', [], () => {
        this.begin(task, start);
        return undefined;
      }, readyAt);
    }
    return task;
  }

  private begin(task: Task, start: () => unknown): void {
    task.startedAt = this.now;
    const previous = this.current;
    this.current = task;
    let result: unknown;
    try {
      result = start();
    } catch (error) {
      result = Promise.reject(error);
    }
    this.current = previous;
    Promise.resolve(result).then(
      (value) => this.finish(task, 'completed', value),
      (error: unknown) => this.finish(task, 'failed', error),
    );
  }

  /** Registers a scheduling point for the current task; the returned promise settles when it runs. */
  issue<T>(label: string, accesses: readonly Access[], effect: () => T, options: { readyAt?: number; waitingFor?: () => WaitTarget | undefined; note?: (value: T) => string } = {}): Promise<T> {
    if (this.options.standalone) {
      return new this.OpPromise<T>((resolve) => queueMicrotask(() => resolve(this.runStandalone(effect))));
    }
    const task = this.current ?? this.orphanTask();
    const note = this.keepTrace ? options.note : undefined;
    let resolveOp!: (value: T) => void;
    let rejectOp!: (error: unknown) => void;
    // Resolvers are taken out of the executor so the op itself needs no per-call closures beyond these.
    const promise = this.stepWatch.promise<T>(task, (resolve, reject) => {
      resolveOp = resolve;
      rejectOp = reject;
    });
    // One closure per op: the effect, the promise's settlement and the failure path together.
    this.addOp(task, label, accesses, () => {
      promise.owner = undefined;
      try {
        const value = effect();
        resolveOp(value);
        return note?.(value);
      } catch (error) {
        this.rejectOp(promise, rejectOp, task, label, error);
        return `threw ${error instanceof Error ? error.name : 'error'}`;
      }
    }, options.readyAt, options.waitingFor);
    return promise;
  }

  private rejectOp(promise: OpPromise<unknown>, rejectOp: (error: unknown) => void, task: Task, label: string, error: unknown): void {
    rejectOp(error);
    if (promise.handled) return;
    // Nobody is listening (yet): keep Node from crashing the process, and judge after the step.
    absorbRejection(promise);
    this.unobserved.push({ promise, task, label, error });
  }

  /** Rejected op promises nobody had subscribed to when they failed; judged at the end of the step. */
  private unobserved: { promise: OpPromise<unknown>; task: Task; label: string; error: unknown }[] = [];

  private judgeUnobserved(): void {
    for (const { promise, task, label, error } of this.unobserved) {
      if (!promise.handled) this.report('unhandled-rejection', `${task.name}'s ${label} failed (${error instanceof Error ? error.message : String(error)}) and nothing awaited or caught it`, { task: task.name, op: label });
    }
    this.unobserved = [];
  }

  private runStandalone<T>(effect: () => T): T | Promise<never> {
    try {
      return effect();
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  private addOp(task: Task, label: string, accesses: readonly Access[], run: () => string | undefined, readyAt = this.now, waitingFor?: () => WaitTarget | undefined): Op {
    const op: Op = {
      id: this.nextOpId++,
      task,
      label,
      readyAt,
      issuedAt: this.now,
      issuerTick: task.clock,
      lane: task.ops.length < 7 ? task.ops.length : 7,
      accesses,
      waitingFor,
      run,
    };
    task.ops.push(op);
    if (accesses.length > 0) this.detectors.issued(op);
    return op;
  }

  private orphanTask(): Task {
    // Code running outside any task (a foreign promise woke it): attribute it to a synthetic task.
    return this.tasks.find((task) => task.name === '(untracked)') ?? this.spawnTask('(untracked)', 'spawn', () => undefined);
  }

  private finish(task: Task, status: 'completed' | 'failed', value: unknown): void {
    if (task.status === 'crashed') return;
    this.taskDigest(task, -1);
    task.status = status;
    task.finishedAt = this.now;
    if (status === 'completed') task.result = value;
    else task.error = value;
    if (status === 'completed' && (task.kind === 'setup' || task.kind === 'recover')) this.app = value;
    this.taskDigest(task, 1);
    if (status === 'failed' && task.kind !== 'spawn') this.failedTask(task, value);
    for (const op of task.ops) {
      if (op.accesses.some((access) => access.write)) this.report('order', `${task.name} finished while its ${op.label} was still pending (missing await?)`, { task: task.name, op: op.label });
    }
  }

  private failedTask(task: Task, error: unknown): void {
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const code = (error as { code?: unknown } | undefined)?.code;
    const kind: ViolationKind = task.kind === 'recover' ? 'crash-recovery' : 'error';
    this.report(kind, `${task.name} threw ${text}`, { task: task.name, ...(typeof code === 'string' ? { code } : {}), phase: task.kind });
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

  // ── the scheduler loop ─────────────────────────────────────────────────────

  /** Runs the scenario to its end: setup, the actors (and recovery after a crash), final checks. */
  execute(): Promise<RunResult> {
    return new Promise<RunResult>((resolve, reject) => {
      this.ended = { resolve, reject };
      Run.active = this;
      this.spawnTask('setup', 'setup', () => this.options.scenario.setup(this.setupContext));
      this.awaitStepEnd();
    });
  }

  private ended: { resolve: (result: RunResult) => void; reject: (error: unknown) => void } | undefined;

  /** One turn of the scheduler loop, once the previous step has settled: choose and run the next step. */
  private turn(): void {
    this.settled();
    Run.active = this;
    if (this.findings.length > 0 && this.options.stopOnFinding !== false) return this.end();
    const ops = this.enabledOps();
    if (ops.length === 0) {
      // Background timers alone do not move time: the phase ends (a server's heartbeat never stops).
      const timeHelps = this.nextArrival < this.arrivals.length || timeCanHelp(this.active, this.now);
      if ((timeHelps && this.advanceTime()) || this.nextPhase()) return this.continue();
      return this.end();
    }
    if (this.step >= this.maxSteps) {
      this.report('hang', `no end after ${this.maxSteps} steps (step budget): a task loops forever or the scenario never finishes`, { maxSteps: this.maxSteps });
      return this.end();
    }
    if (this.faults.crashNow(this.step, this.phase === 'actors')) this.crash();
    else this.runStep(ops);
    this.continue();
  }

  private readonly safeTurn = (): void => {
    try {
      this.turn();
    } catch (error) {
      this.ended?.reject(error);
    }
  };

  private continue(): void {
    if (this.abandoned) this.end();
    else this.awaitStepEnd();
  }

  private end(): void {
    if (Run.active === this) Run.active = undefined;
    this.ended?.resolve(this.result());
  }

  private result(): RunResult {
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

  /** Starts `start` as an actor task at virtual time `at` (workload arrivals), without materialising it early. */
  scheduleArrival(at: number, name: string, start: () => unknown): void {
    this.arrivals.push({ at, name, start });
  }

  private admitArrivals(): void {
    for (let arrival = this.arrivals[this.nextArrival]; arrival && arrival.at <= this.now; arrival = this.arrivals[++this.nextArrival]) {
      this.spawnTask(arrival.name, 'actor', arrival.start, arrival.at);
    }
    if (this.active.length > 64 && this.step % 64 === 0) this.active = this.active.filter((task) => !task.done || task.ops.length > 0);
  }

  private enabledOps(): Op[] {
    this.admitArrivals();
    const ops: Op[] = [];
    const now = this.now;
    for (const task of this.active) {
      const pending = task.ops;
      for (let i = 0; i < pending.length; i++) {
        const op = pending[i] as Op;
        if (op.readyAt <= now && (op.waitingFor === undefined || op.waitingFor() === undefined)) ops.push(op);
      }
    }
    return sortById(ops);
  }

  private lastTask: Task | undefined;

  private runStep(ops: Op[]): void {
    const last = this.lastTask;
    // Only the chooser and DPOR look at the decision point: a forced step builds none.
    const op = ops.length === 1 && !this.options.chooser.everyStep ? ops[0] : this.options.chooser.choose({ ops, last, step: this.step, decision: this.decisions.length });
    if (!op) {
      this.abandoned = true;
      return;
    }
    if (ops.length > 1) this.decisions.push(encodeChoice(op, ops));
    const task = op.task;
    task.drop(op);
    this.detectors.retired(op);
    if (op.waitingFor) task.queuedMs += this.now - op.issuedAt;
    if (this.countStates) this.taskDigest(task, -1);
    this.current = task;
    this.lastTask = task;
    task.steps++;
    task.tick();
    this.step++;
    if (this.recordAccesses) this.stepAccesses = [...op.accesses];
    const note = op.run();
    if (this.keepTrace) this.trace.push({ step: this.step, time: this.now - EPOCH_MS, task: task.name, taskId: task.id, op: op.label, ...(note === undefined ? {} : { note }) });
    if (this.recordAccesses) this.pendingEvent = { op, ops, preemption: isPreemption(op, { ops, last }) };
  }

  private pendingEvent: { op: Op; ops: Op[]; preemption: boolean } | undefined;

  /** The task the last step resumed (its continuation runs until its next scheduling point). */
  private stepTask: Task | undefined;
  /** Op promises of the realm the scenario's code runs in (its own vm context for a scenario file). */
  private readonly OpPromise: OpPromiseConstructor;
  private readonly stepWatch: StepWatch;

  /** Lets the step's continuation run to its next scheduling point, then takes the next turn. */
  private awaitStepEnd(): void {
    this.stepTask = this.current;
    this.stepWatch.watch(this.stepTask);
  }

  /** The step has settled: checks and counts the state. */
  private settled(): void {
    const task = this.stepTask;
    this.stepTask = undefined;
    this.current = undefined;
    if (task && this.countStates) this.taskDigest(task, 1);
    if (this.checksEveryStep && this.phase !== 'setup' && this.app !== undefined) {
      checkProperties(this, this.options.scenario.invariants, 'invariant');
      checkLiveness(this, this.options.scenario.liveness, this.liveness, false);
    }
    if (this.unobserved.length > 0) this.judgeUnobserved();
    if (!this.countStates) return;
    const state = this.stateDigest();
    this.states.push(state);
    const event = this.pendingEvent;
    this.pendingEvent = undefined;
    if (event && this.options.chooser.onStep?.({ step: this.step, task: event.op.task, lane: event.op.task.id * 8 + event.op.lane, label: event.op.label, accesses: this.stepAccesses, enabled: event.ops, preemption: event.preemption, state }) === false) {
      this.abandoned = true;
    }
  }

  private taskDigest(task: Task, sign: 1 | -1): void {
    void sign; // XOR is its own inverse: adding and removing a task's digest is the same operation
    if (!this.countStates) return;
    this.taskHi ^= mix(mix(task.id, task.steps), mix(task.local, task.status.length));
  }

  stateDigest(): number {
    return join53(mix(this.memory.digestHi, this.taskHi) ^ mix(this.now, 7), mix(this.memory.digestLo, this.taskHi ^ 0x5bd1e995) ^ this.now);
  }

  /** Time warp: when nobody can run, jump to the next timer, sleep or delayed reply. */
  private advanceTime(): boolean {
    let next = this.arrivals[this.nextArrival]?.at ?? Infinity;
    for (const task of this.active) for (const op of task.ops) if (op.readyAt > this.now && op.readyAt < next && !op.waitingFor?.()) next = op.readyAt;
    if (next === Infinity) return false;
    this.now = next;
    return true;
  }

  /** Every actor is done: background timers (a heartbeat, a setInterval) would fire forever, so they stop. */
  private stopBackgroundTimers(): void {
    const idle = this.active.filter((task) => task.idleBackground);
    if (idle.length === 0) return;
    for (const task of idle) {
      if (this.countStates) this.taskDigest(task, -1);
      task.ops.length = 0;
      task.status = 'completed';
      if (this.countStates) this.taskDigest(task, 1);
    }
    const names = idle.map((task) => task.name).join(', ');
    this.logLine(undefined, 'end', `every actor is done; stopped ${idle.length} background timer${idle.length === 1 ? '' : 's'} (${names}) armed by setup, another background timer or setInterval`);
  }

  private nextPhase(): boolean {
    const scenario = this.options.scenario;
    const stuck = unfinished(this.active);
    if (stuck.length > 0) {
      const finding = findStuck(stuck);
      this.report(finding.kind, finding.message, { ...finding.details, threads: this.threadStates() });
      return false;
    }
    switch (this.phase) {
      case 'setup': {
        this.phase = 'actors';
        startActors(this, scenario);
        return true;
      }
      case 'actors':
      case 'recovering':
        this.stopBackgroundTimers();
        checkAtEnd(this, this.liveness, this.phase === 'recovering');
        this.phase = 'done';
        return false;
      case 'done':
        return false;
      default:
        return this.phase satisfies never;
    }
  }

  /** A process crash: every task dies, volatile state is lost, unsynced journal bytes are torn. */
  private crash(): void {
    for (const task of this.tasks) {
      task.ops.length = 0;
      this.detectors.clearPending();
      if (!task.done) task.status = 'crashed';
    }
    for (const [log, journal] of this.journals) {
      const kept = journal.durable + this.faults.tornTail(journal.bytes.length - journal.durable);
      journal.bytes = journal.bytes.slice(0, kept);
      journal.durable = kept;
      this.memory.setValue(`journal:${log}`, String(kept));
    }
    this.ports.resetVolatile();
    this.step++;
    if (this.keepTrace) this.trace.push({ step: this.step, time: this.now - EPOCH_MS, task: 'twin', taskId: -1, op: 'crash', note: 'process crashed; restarting with recover()' });
    this.phase = 'recovering';
    this.app = undefined;
    const scenario = this.options.scenario;
    const recover = scenario.recover ?? scenario.setup;
    this.spawnTask('recover', 'recover', () => recover(this.setupContext));
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
