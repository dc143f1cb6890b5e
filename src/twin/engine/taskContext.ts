import { promiseHooks } from 'node:v8';
import type { OpPromise } from './OpPromise.js';
import type { Task } from './Task.js';

/**
 * Which task's code is running, for code the scheduler does not resume itself. A step resumes one
 * task (the one whose op ran), but that task may wake another by settling a plain promise (not a
 * port call): `resolveB()`, after which b's `await gate` continues in a microtask. Promise hooks
 * tag every promise with the task whose code created it, so the continuation of an `await` (or a
 * `then`) runs as the task that awaited, and the task that settled the awaited promise is known:
 * the woken task absorbs the waker's vector clock (a happens-before edge) and the step that woke it
 * drains every microtask before it ends, so the woken task reaches its own next scheduling point
 * inside the waker's step. The hooks are on only while a run is executing (they cost every
 * promise a call), and never change microtask order.
 */

const TASK = Symbol('twin.task');
const PARENT = Symbol('twin.parent');
const WAKE = Symbol('twin.wake');

/** A promise settled by a task other than the one that made it: who settled it, and its clock then. */
export interface Wake {
  readonly by: Task;
  readonly vc: ReadonlyMap<number, number>;
}

interface Tagged {
  /** The task whose code made it; `null` for the scheduler's own hops. */
  [TASK]?: Task | null;
  /** The promise it waits on (an `await` or `then` continuation). */
  [PARENT]?: Tagged;
  [WAKE]?: Wake;
}

/** What a task's run does when a task's continuation resumes or wakes another (see {@link Task.world}). */
export interface TaskWorld {
  current: Task | undefined;
  /** Whether a task of this run has waited on a plain promise (from then on its continuations are tracked). */
  tracking: boolean;
  /** Some task settled a promise made by another during this step: the step must drain before it ends. */
  woke: boolean;
  /** `task` resumed from a promise `wake.by` settled. */
  woken(task: Task, wake: Wake): void;
}

/** The task whose code runs now (the scheduler sets it with its `current`; the hooks on resumption). */
let running: Task | undefined;

export function setRunning(task: Task | undefined): void {
  running = task;
}

let hopRoot: Promise<unknown> | undefined;

/**
 * Tags each promise with the task whose code made it. Until a run's tasks first wait on a promise
 * that is not one of their own pending ops (`await` or `then` on a plain promise), that is all a
 * run needs: every continuation is one the scheduler resumes itself. From that first wait on, the
 * run tracks (its tasks' continuations say whose they are, settled promises who settled them) and
 * the hooks that cost every `await` a call are turned on.
 */
function init(made: Promise<unknown>, awaited: Promise<unknown> | undefined): void {
  const task = running;
  if (task === undefined) return;
  const promise = made as Tagged;
  if (awaited === hopRoot) {
    promise[TASK] = null;
    return;
  }
  promise[TASK] = task;
  if (awaited === undefined) return;
  const world = task.world;
  if (!world.tracking) {
    if ((awaited as Partial<OpPromise<unknown>>).owner === task) return;
    world.tracking = true;
    track();
  }
  promise[PARENT] = awaited as Tagged;
}

function before(resumed: Promise<unknown>): void {
  const promise = resumed as Tagged;
  const task = promise[TASK];
  if (task == null || !task.world.tracking) return;
  running = task;
  task.world.current = task;
  const wake = promise[PARENT]?.[WAKE];
  if (wake !== undefined && wake.by !== task) task.world.woken(task, wake);
}

function settled(done: Promise<unknown>): void {
  const promise = done as Tagged;
  const by = running;
  const maker = promise[TASK];
  // Promises made outside any task (the scheduler's own, or before the run) wake nobody it knows of.
  if (by === undefined || maker === by || maker == null || !by.world.tracking) return;
  promise[WAKE] = { by, vc: new Map(by.vc) };
  // What the waker does next (the ops it issues after waking) is not ordered before the woken task.
  by.tick();
  by.world.woke = true;
}

let users = 0;
let stop: (() => void) | undefined;
let tracking = false;

/** Some run tracks from now on: the resumption and settlement hooks join the tagging one. */
function track(): void {
  if (tracking) return;
  tracking = true;
  stop?.();
  stop = promiseHooks.createHook({ init, before, settled }) as () => void;
}

/** Turns the hooks on for a run (counted: runs may interleave in one thread). `hops` is the scheduler's own. */
export function enterTaskContext(hops: Promise<unknown>): void {
  hopRoot = hops;
  if (users++ === 0) stop = promiseHooks.createHook({ init }) as () => void;
}

/** A run has ended: turns the hooks off when no other run is executing. */
export function leaveTaskContext(): void {
  if (--users > 0) return;
  stop?.();
  stop = undefined;
  tracking = false;
  running = undefined;
}
