import type { GenerateRequest, GenerateResult, ModelRuntime } from '../../model/index.js';
import { defaultPoolSize } from './isolation/IsolationPool.js';

/** A counting semaphore. */
class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(readonly size: number) {}

  async acquire(): Promise<void> {
    if (this.active < this.size) {
      this.active += 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active -= 1;
  }
}

/**
 * Bounds how many agents verify at once, apart from how many generate: an agent holds a
 * verification slot from the moment an answer comes back until it asks the model again or ends.
 * Generation is bounded by the runtime's sequences; verification (type checks, test processes)
 * by the machine's cores and memory (`defaultPoolSize`), so a swarm of 8 agents on 2 cores never
 * runs 8 test processes at once.
 */
export class VerifySlots {
  private readonly semaphore: Semaphore;
  /** High-water mark of agents verifying at once (for reports and tests). */
  peak = 0;
  private current = 0;

  constructor(size = defaultPoolSize(256)) {
    this.semaphore = new Semaphore(size);
  }

  get size(): number {
    return this.semaphore.size;
  }

  /** A view of `runtime` for one agent; call `done()` when the agent has finished. */
  forAgent(runtime: ModelRuntime): { runtime: ModelRuntime; done(): void } {
    let holding = false;
    const release = (): void => {
      if (!holding) return;
      holding = false;
      this.current -= 1;
      this.semaphore.release();
    };
    const generate = async (request: GenerateRequest): Promise<GenerateResult> => {
      release();
      const result = await runtime.generate(request);
      await this.semaphore.acquire();
      holding = true;
      this.current += 1;
      this.peak = Math.max(this.peak, this.current);
      return result;
    };
    const view: ModelRuntime = {
      info: runtime.info,
      generate,
      countTokens: (text) => runtime.countTokens(text),
      ...(runtime.embed ? { embed: runtime.embed.bind(runtime) } : {}),
      dispose: async () => undefined, // the shared runtime outlives every agent
      [Symbol.asyncDispose]: async () => undefined,
    };
    return { runtime: view, done: release };
  }
}
