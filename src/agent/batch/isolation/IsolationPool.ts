import { availableParallelism, freemem } from 'node:os';
import { Worker } from 'node:worker_threads';
import { workerSource } from './workerSource.js';

/** Limits of one isolate. */
export interface IsolationLimits {
  /** Wall time, in ms. Default 10000. */
  timeoutMs?: number;
  /** V8 old-generation heap, in MB. Default 128. */
  memoryMb?: number;
}

/** What running code in an isolate gave: a value, or why not. */
export type IsolatedResult =
  | { ok: true; value: unknown; ms: number }
  | { ok: false; reason: 'timeout' | 'memory' | 'network' | 'error'; message: string; ms: number };

/** One piece of generated code to run: a CommonJS module, and optionally an export to call with `input`. */
export interface IsolatedRun {
  code: string;
  entry?: string;
  input?: unknown;
  /** Replace every non-builtin `require` with a do-nothing stub (evaluate one module alone). Default false. */
  stubImports?: boolean;
}

/** Isolates at once: the machine's cores, and no more than free memory holds at `memoryMb` (plus overhead) each. */
export function defaultPoolSize(memoryMb = 128): number {
  const byMemory = Math.floor(freemem() / ((memoryMb + 64) * 1024 * 1024));
  return Math.max(1, Math.min(availableParallelism(), byMemory));
}

/**
 * Runs generated code in V8 isolates (worker threads): a fresh isolate per run with a heap limit
 * (`resourceLimits`), a wall-time limit (terminated when exceeded), an empty environment, and
 * network and child processes disabled. At most `size` run at once; the rest wait their turn.
 */
export class IsolationPool {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  readonly size: number;

  constructor(private readonly limits: IsolationLimits = {}, size = defaultPoolSize(limits.memoryMb)) {
    this.size = size;
  }

  async run(job: IsolatedRun, signal?: AbortSignal): Promise<IsolatedResult> {
    await this.acquire();
    try {
      return await this.runNow(job, signal);
    } finally {
      this.release();
    }
  }

  private runNow(job: IsolatedRun, signal?: AbortSignal): Promise<IsolatedResult> {
    const started = performance.now();
    const ms = (): number => Math.round(performance.now() - started);
    const memoryMb = this.limits.memoryMb ?? 128;
    const worker = new Worker(workerSource, {
      eval: true,
      workerData: { code: job.code, entry: job.entry, input: job.input, stubImports: job.stubImports ?? false },
      env: {},
      resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: Math.max(4, Math.round(memoryMb / 8)), stackSizeMb: 4 },
      stdout: true,
      stderr: true,
    });
    return new Promise<IsolatedResult>((resolve) => {
      let settled = false;
      const finish = (result: IsolatedResult): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        void worker.terminate();
        resolve(result);
      };
      const onAbort = (): void => finish({ ok: false, reason: 'timeout', message: 'aborted', ms: ms() });
      const timer = setTimeout(() => finish({ ok: false, reason: 'timeout', message: `ran longer than ${this.limits.timeoutMs ?? 10_000} ms`, ms: ms() }), this.limits.timeoutMs ?? 10_000);
      signal?.addEventListener('abort', onAbort, { once: true });
      worker.on('message', (message: { ok: boolean; value?: unknown; message?: string; code?: string }) => {
        if (message.ok) finish({ ok: true, value: message.value, ms: ms() });
        else finish({ ok: false, reason: message.code === 'KREPIS_ISOLATE_NO_NETWORK' ? 'network' : 'error', message: message.message ?? 'failed', ms: ms() });
      });
      worker.on('error', (error: NodeJS.ErrnoException) => {
        const memory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
        finish({ ok: false, reason: memory ? 'memory' : 'error', message: memory ? `exceeded the ${memoryMb} MB heap limit` : error.message, ms: ms() });
      });
      worker.on('exit', (code) => finish({ ok: false, reason: 'error', message: `isolate exited with code ${code} before answering`, ms: ms() }));
    });
  }

  private async acquire(): Promise<void> {
    if (this.active < this.size) {
      this.active += 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active -= 1;
  }
}
