import type { ChaosProfile } from '@krepis/kernel';
import { deriveSeed, Prng } from './prng.js';

/** The seeded fault plan of one run: which port calls are slow or fail, when the process crashes. */
export class Faults {
  private readonly prng: Prng;
  private crashAt = -1;

  constructor(
    private readonly seed: number,
    readonly profile: ChaosProfile | undefined,
  ) {
    this.prng = new Prng(seed);
    if (profile?.crashRate && this.prng.chance(profile.crashRate)) this.crashAt = this.prng.int(2, 40);
  }

  get active(): boolean {
    return this.profile !== undefined;
  }

  /** Extra virtual latency for one port call, in ms. */
  latency(): number {
    const range = this.profile?.latencyMs;
    return range ? this.prng.int(Math.floor(range[0]), Math.floor(range[1])) : 0;
  }

  /** Whether {@link Faults.ioError} can ever say yes (when not, it draws nothing either). */
  get ioErrors(): boolean {
    return (this.profile?.ioErrorRate ?? 0) > 0;
  }

  ioError(): boolean {
    return this.prng.chance(this.profile?.ioErrorRate ?? 0);
  }

  timeout(): boolean {
    return this.prng.chance(this.profile?.timeoutRate ?? 0);
  }

  /** A fixed clock offset per task (as if each ran on its own machine). */
  skew(taskId: number): number {
    const max = this.profile?.clockSkewMs ?? 0;
    return max > 0 ? new Prng(deriveSeed(this.seed, 99, taskId)).int(-max, max) : 0;
  }

  /** True exactly once, at the planned crash step (only while actors run). */
  crashNow(step: number, actorsRunning: boolean): boolean {
    if (this.crashAt < 0 || !actorsRunning || step < this.crashAt) return false;
    this.crashAt = -1;
    return true;
  }

  /** How many unsynced journal bytes survive a crash (a torn write keeps any prefix). */
  tornTail(unsynced: number): number {
    return unsynced > 0 ? this.prng.int(0, unsynced) : 0;
  }
}
