import type { Ports } from '../ports/index.js';

/** What `setup` and `recover` receive: the ports the app is built on, and a way to share memory. */
export interface ScenarioSetup {
  /** The twin's virtual ports (clock, random, storage, journal, locks, net, logger). */
  readonly ports: Ports;
  /**
   * Registers an in-memory object (plain object, array or `Map`) shared between actors, so the twin
   * records every read and write to it and can report lost updates across an `await`.
   */
  track<T extends object>(name: string, value: T): T;
}

/** A child task started with {@link ActorContext.spawn}. */
export interface TaskHandle<T> {
  readonly name: string;
  /** Waits for the task; rejects with its error. A failed task nobody joins is an unhandled rejection. */
  join(): Promise<T>;
}

/** A promise settled by hand; settling it twice is reported as a `double-resolve` violation. */
export interface Deferred<T> {
  /** Awaiting it is a scheduling point; a task waiting on it is BLOCKED until it settles. */
  wait(): Promise<T>;
  resolve(value: T): void;
  reject(reason: unknown): void;
}

/** What one actor receives. */
export interface ActorContext<App> extends ScenarioSetup {
  /** The value `setup` returned. */
  readonly app: App;
  /** This actor's name (the key in `actors`). */
  readonly actor: string;
  /** Which copy of the actor this is, from 0 (see {@link ActorSpec.count}). */
  readonly instance: number;
  /** Starts a concurrent child task. */
  spawn<T>(name: string, run: () => Promise<T>): TaskHandle<T>;
  /** A bare scheduling point: lets the twin run someone else here. */
  yield(): Promise<void>;
  deferred<T>(): Deferred<T>;
}

// Method-derived function types are bivariant in their parameters, so a Scenario<MyApp> is also a
// Scenario<unknown> (what the twin consumes) without casts.
type Bivariant<F extends (...args: never[]) => unknown> = { method(...args: Parameters<F>): ReturnType<F> }['method'];

/** A concurrent actor: a request handler, a job, a client. */
export type Actor<App> = Bivariant<(ctx: ActorContext<App>) => unknown>;

export interface ActorSpec<App> {
  run: Actor<App>;
  /** Concurrent copies. Default 1. */
  count?: number;
}

/** A read-only look at the simulated world, for invariants. */
export interface StateView {
  /** Virtual time, ms since the epoch. */
  readonly now: number;
  /** The stored bytes under `tenant`/`key`, or `undefined`. */
  bytes(tenant: string, key: string): Uint8Array | undefined;
  /** The stored value under `tenant`/`key` decoded as UTF-8 JSON, or `undefined`. */
  json<T = unknown>(tenant: string, key: string): T | undefined;
  /** Every durable byte of a journal log. */
  journal(log: string): Uint8Array;
  /** Names of tasks not yet finished. */
  readonly running: readonly string[];
}

/** A property: `false` or a string (the reason) means violated; `true`/`undefined` means it holds. */
export type Check<App> = Bivariant<(app: App, view: StateView) => boolean | string | void>;

/** Something that must eventually become true. */
export interface LivenessProperty<App> {
  eventually: Check<App>;
  /** Virtual deadline in ms after the start. Default: by the end of the run. */
  withinMs?: number;
}

/** Production-like traffic replayed in virtual time. */
export interface WorkloadProfile {
  /** Virtual duration in ms (e.g. `86_400_000` for a day). */
  durationMs: number;
  /** Mean arrivals per virtual second (Poisson). */
  ratePerSecond: number;
  /** Relative weight of each actor in the request mix; keys are actor names. */
  mix: Readonly<Record<string, number>>;
}

/** Faults the twin injects, chosen by the seed. Every field optional; omitted means off. */
export interface ChaosProfile {
  /** Extra virtual latency per port call, uniformly in `[min, max]` ms. */
  latencyMs?: readonly [number, number];
  /** Probability that a storage/journal/net call fails with an I/O error. */
  ioErrorRate?: number;
  /** Probability that a net call times out. */
  timeoutRate?: number;
  /** Largest clock skew in ms. */
  clockSkewMs?: number;
  /** Probability that a run crashes at a random step, then restarts through `recover`. */
  crashRate?: number;
}

/** The full description of a scenario. */
export interface ScenarioDefinition<App> {
  name: string;
  /** Builds the app on the twin's ports. Runs as a task, so it may await ports. */
  setup(setup: ScenarioSetup): App | Promise<App>;
  actors: Readonly<Record<string, Actor<App> | ActorSpec<App>>>;
  /** Checked after every step. */
  invariants?: Readonly<Record<string, Check<App>>>;
  /** Checked once everyone has finished (and after a crash recovery). */
  finally?: Readonly<Record<string, Check<App>>>;
  liveness?: Readonly<Record<string, LivenessProperty<App>>>;
  workload?: WorkloadProfile;
  chaos?: ChaosProfile;
  /** Rebuilds the app after a crash from what survived (storage, synced journal). Default: `setup`. */
  recover?(setup: ScenarioSetup): App | Promise<App>;
  /** Step budget per run; a run past it is reported as a hang. Default 10000. */
  maxSteps?: number;
}

/** A scenario made by {@link defineScenario}. */
export interface Scenario<App = unknown> extends ScenarioDefinition<App> {
  readonly kind: 'krepis.scenario';
}
