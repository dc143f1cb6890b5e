import type { ViolationKind } from '../types.js';
import { absorbRejection, type OpPromise, type OpPromiseConstructor, opPromiseClassFor, type StepWatch } from './OpPromise.js';
import type { RunOptions } from './runTypes.js';
import { RunWorld } from './RunWorld.js';
import { setRunning as setRunningBinding } from './taskContext.js';
import { type Access, type Op, Task, type TaskKind, type WaitTarget } from './Task.js';

// Read once (a loader that proxies module namespaces, like jiti, would trap every read).
const setRunning = setRunningBinding;

/**
 * Tasks and the ops they issue: spawning and starting tasks, registering each port call as a
 * scheduling point (an op whose promise settles when the scheduler runs it), and what a task's end
 * or an unobserved rejection means. The scheduler loop that runs the ops is Run.ts.
 */
export abstract class RunTasks extends RunWorld {
  private nextOpId = 1;
  /** Op promises of the realm the scenario's code runs in (its own vm context for a scenario file). */
  protected readonly OpPromise: OpPromiseConstructor;
  /** Tells the scheduler when a resumed task reaches its next op (made by the scheduler loop). */
  protected abstract readonly stepWatch: StepWatch;

  constructor(options: RunOptions) {
    super(options);
    this.OpPromise = opPromiseClassFor(options.scenario);
  }

  /**
   * Creates a task. An `eager` task starts right away, like an async function call in JavaScript:
   * it runs synchronously up to its first scheduling point, so its first real operation is pending
   * (and visible to DPOR) from the start. Others start through a scheduled `start` op.
   */
  spawnTask(name: string, kind: TaskKind, start: () => unknown, readyAt = this.now, eager = false): Task {
    const task = new Task(this.tasks.length, name, kind, readyAt, this.current);
    task.priority = this.prng.int(1, 1_000_000);
    task.world = this;
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
    setRunning(task);
    let result: unknown;
    try {
      result = start();
    } catch (error) {
      result = Promise.reject(error);
    }
    // The scheduler's own wait for the task's end is no wait of any task's (see taskContext.ts).
    setRunning(undefined);
    Promise.resolve(result).then(
      (value) => this.finish(task, 'completed', value),
      (error: unknown) => this.finish(task, 'failed', error),
    );
    this.current = previous;
    setRunning(previous);
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
    setRunning(undefined);
    absorbRejection(promise);
    setRunning(task);
    this.unobserved.push({ promise, task, label, error });
  }

  /** Rejected op promises nobody had subscribed to when they failed; judged at the end of the step. */
  protected unobserved: { promise: OpPromise<unknown>; task: Task; label: string; error: unknown }[] = [];

  protected judgeUnobserved(): void {
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
}
