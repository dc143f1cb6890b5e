import type { Ports, RunningServer, Scheduler } from '@krepis/kernel';

/** What a plugin gets once the app is listening. */
export interface Runtime {
  readonly ports: Ports;
  readonly scheduler: Scheduler;
  readonly server: RunningServer;
}

/** Starts background work or attaches a protocol; may return a cleanup function. */
export type Plugin = (runtime: Runtime) => void | (() => void | Promise<void>) | Promise<void | (() => void | Promise<void>)>;
