/**
 * How the engine knows a step has ended: the task it resumed awaits its next op (the fast path),
 * finishes, or waits on something else (then every microtask must run). This and host.ts are the
 * twin's only contact with the host event loop; scenario code never sees them.
 */
const realSetImmediate = globalThis.setImmediate;
/** A hop is a reaction on a settled native promise: one microtask, without queueMicrotask's async-hooks resource. */
const settledPromise = Promise.resolve();
/** The promise every hop hangs off (hooks leave hops untagged). */
export const hopRoot: Promise<void> = settledPromise;
const nextHop = (callback: () => void): void => {
  void settledPromise.then(callback);
};

/** Microtask hops a resumed task gets to reach its next op before the step waits for a macrotask. */
const MAX_HOPS = 48;

/** What issues ops: a task, which notes when it starts awaiting one of its pending ops. */
export interface OpOwner {
  readonly done: boolean;
  /** Set when the task awaits (or subscribes to) one of its pending ops; reset when it is watched again. */
  awaitsOp: boolean;
  /** Set when a task's code settled a promise another task made (it may have woken that task). */
  readonly world: { readonly woke: boolean };
}

/** While true, reading an op promise's `constructor` is the twin's own doing, not app code's. */
let quiet = false;

/**
 * The promise a port call returns: a real Promise whose `constructor` reads as its realm's
 * `Promise`. `await` (and `then`, `Promise.all`, `Promise.resolve`) read `constructor`
 * synchronously, so the getter tells the scheduler that the task has reached its scheduling point,
 * while `await` still takes the native one-tick path (a `then` override would make every await
 * three microtask ticks). Only pending ops count, and only for the task that issued them (so runs
 * never disturb each other): an op that already ran says nothing about where its task is now.
 */
export interface OpPromise<T> extends Promise<T> {
  /** Whether app code ever subscribed to it (awaited it, or called then/catch). */
  handled: boolean;
  /** The task that issued the op, until the op runs. */
  owner: OpOwner | undefined;
}

export type OpPromiseConstructor = new <T>(executor: (resolve: (value: T | PromiseLike<T>) => void, reject: (error: unknown) => void) => void) => OpPromise<T>;

/**
 * Op promises for code running in the realm whose `Promise` is `base`. `await` takes the one-tick
 * path only for a promise whose `constructor` is the awaiting realm's own `Promise`: code loaded
 * into a `node:vm` context (scenario files) gets op promises subclassing that context's `Promise`,
 * or each of its awaits would treat the op as a foreign thenable and cost three ticks.
 */
function defineOpPromise(base: PromiseConstructor): OpPromiseConstructor {
  class RealmOpPromise<T> extends base<T> implements OpPromise<T> {
    handled = false;
    owner: OpOwner | undefined;
  }
  Object.defineProperty(RealmOpPromise.prototype, 'constructor', {
    configurable: true,
    get(this: OpPromise<unknown>): PromiseConstructor {
      if (quiet) return base;
      this.handled = true;
      if (this.owner !== undefined) this.owner.awaitsOp = true;
      return base;
    },
  });
  return RealmOpPromise;
}

const byRealm = new WeakMap<PromiseConstructor, OpPromiseConstructor>();

/** The op promise class for the realm whose `Promise` is `base` (made once per realm). */
export function opPromiseClass(base: PromiseConstructor = Promise): OpPromiseConstructor {
  let made = byRealm.get(base);
  if (!made) {
    made = defineOpPromise(base);
    byRealm.set(base, made);
  }
  return made;
}

/** Op promises for code in the twin's own realm (scenarios defined in-process). */
export const OpPromise: OpPromiseConstructor = opPromiseClass(Promise);

/** The `Promise` of the realm each scenario's code runs in, for scenarios not from the host realm. */
const scenarioRealms = new WeakMap<object, PromiseConstructor>();

/** Notes that `scenario`'s code runs in the realm whose `Promise` is `base` (a scenario file's vm context). */
export function bindScenarioRealm(scenario: object, base: PromiseConstructor): void {
  scenarioRealms.set(scenario, base);
}

/** The op promise class a run of `scenario` issues: its realm's, or the host's. */
export function opPromiseClassFor(scenario: object): OpPromiseConstructor {
  const base = scenarioRealms.get(scenario);
  return base === undefined ? OpPromise : opPromiseClass(base);
}

const ignore = (): undefined => undefined;

/** Subscribes to a rejected op promise so Node does not crash, without marking it handled by app code. */
export function absorbRejection(promise: OpPromise<unknown>): void {
  quiet = true;
  try {
    void Promise.prototype.then.call(promise, undefined, ignore);
  } finally {
    quiet = false;
  }
}

/**
 * Waits, after each step, until the task the step resumed has reached its next scheduling point,
 * then calls `settled`. Fast path: a few microtask hops until the task awaits its next op; a task
 * that finished, or waits on a promise the twin does not control, gets a full event-loop turn.
 */
export class StepWatch {
  private task: OpOwner | undefined;
  private hops = 0;

  constructor(
    private readonly settled: () => void,
    /** The op promise class of the realm the watched code awaits in. */
    private readonly Op: OpPromiseConstructor = OpPromise,
  ) {}

  /** A new op promise issued by `owner` (made by the watch, so issuing one needs no other module). */
  promise<T>(owner: OpOwner, executor: (resolve: (value: T) => void, reject: (error: unknown) => void) => void): OpPromise<T> {
    const promise = new this.Op<T>(executor);
    promise.owner = owner;
    return promise;
  }

  /** Starts watching `task` (none: wait for every pending microtask). */
  watch(task: OpOwner | undefined): void {
    if (!task) {
      realSetImmediate(this.settled);
      return;
    }
    this.task = task;
    task.awaitsOp = false;
    this.hops = 0;
    nextHop(this.hop);
  }

  private readonly hop = (): void => {
    const task = this.task as OpOwner;
    if (task.done) realSetImmediate(this.settled);
    // A task woken by a plain promise this step continues in a microtask: let it reach its next op first.
    else if (task.awaitsOp && task.world.woke) realSetImmediate(this.settled);
    else if (task.awaitsOp) this.settled();
    else if (++this.hops < MAX_HOPS) nextHop(this.hop);
    else realSetImmediate(this.settled);
  };
}
