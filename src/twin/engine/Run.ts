import type { ScenarioSetup } from '@krepis/kernel';
import { encodeDecision, isPreemption } from './choice.js';
import { hopRoot, StepWatch } from './OpPromise.js';
import { enterTaskContext, leaveTaskContext, setRunning as setRunningBinding } from './taskContext.js';
import { findStuck } from './stuck.js';
import type { Op, Task } from './Task.js';
import { trackObject } from './track.js';
import { createTwinPorts } from '../ports/createTwinPorts.js';
import { startActors } from './actors.js';
import { timeCanHelp, unfinished } from './background.js';
import { checkAtEnd, checkProperties, checkLiveness } from './properties.js';
import { EPOCH_MS, type RunOptions, type RunResult } from './runTypes.js';
import { RunTasks } from './RunTasks.js';

export { EPOCH_MS, type Finding, type RunOptions, type RunResult } from './runTypes.js';

// Read once: under a loader that proxies module namespaces (jiti, which runs the benchmarks and
// source-mode workers) every read of an imported binding is a proxy trap, and this runs every step.
const encodeChoice = encodeDecision;
const setRunning = setRunningBinding;

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

/**
 * One schedule of one scenario: the scheduler loop (choose an enabled op, run it, wait until the
 * task it resumed reaches its next op, check and count the state), time warp, phases and crashes.
 * The world it runs in is RunWorld.ts; tasks and their ops are RunTasks.ts.
 */
export class Run extends RunTasks {
  /** The run whose ports the virtual globals (Date, setTimeout, Math.random) serve right now. */
  static active: Run | undefined;
  readonly ports;
  protected readonly stepWatch: StepWatch;
  /** Workload arrivals not yet started, in time order. */
  private readonly arrivals: { at: number; name: string; start: () => unknown }[] = [];
  private nextArrival = 0;

  constructor(options: RunOptions) {
    super(options);
    this.ports = createTwinPorts(this);
    this.stepWatch = new StepWatch(this.safeTurn, this.OpPromise);
  }

  /** Setup context handed to `setup` and `recover`. */
  get setupContext(): ScenarioSetup {
    return { ports: this.ports, track: (name, value) => trackObject(this, name, value) };
  }

  // ── the scheduler loop ─────────────────────────────────────────────────────

  /** Runs the scenario to its end: setup, the actors (and recovery after a crash), final checks. */
  execute(): Promise<RunResult> {
    return new Promise<RunResult>((resolve, reject) => {
      this.ended = { resolve, reject };
      enterTaskContext(hopRoot);
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
      this.leave();
      this.ended?.reject(error);
    }
  };

  private left = false;

  /** The run is over: its promises need no more attribution. */
  private leave(): void {
    if (this.left) return;
    this.left = true;
    setRunning(undefined);
    leaveTaskContext();
  }

  private continue(): void {
    if (this.abandoned) this.end();
    else this.awaitStepEnd();
  }

  private end(): void {
    this.leave();
    if (Run.active === this) Run.active = undefined;
    this.ended?.resolve(this.result());
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
    setRunning(task);
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
    setRunning(undefined);
    if (task && this.countStates) this.taskDigest(task, 1);
    this.wakesSettled();
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
}
