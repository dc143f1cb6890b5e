import { NondeterministicApiError } from '../errors.js';
import { EPOCH_MS, Run } from '../engine/Run.js';
import { Prng } from '../engine/prng.js';
import type { TimerHandle } from '@krepis/kernel';

const HostDate = Date;
const fallbackRandom = new Prng(0);

const now = (): number => Run.active?.ports.clock.now() ?? EPOCH_MS;

function activeRun(api: string): Run {
  const run = Run.active;
  if (!run) throw new NondeterministicApiError(`${api} outside a twin run (at module load time)`);
  return run;
}

/** `Date` whose "now" is the run's virtual clock. */
class VirtualDate extends HostDate {
  constructor(...args: unknown[]) {
    if (args.length === 0) super(now());
    else super(...(args as [string]));
  }

  static override now(): number {
    return now();
  }
}

const forbidden = (api: string) => () => {
  throw new NondeterministicApiError(api);
};

function timers() {
  const startTimer = (api: string, callback: (...args: unknown[]) => void, ms: unknown, args: unknown[], repeat: boolean): TimerHandle => {
    const clock = activeRun(api).ports.clock;
    const delay = Math.max(0, Number(ms) || 0);
    const handle = { id: 0 };
    const arm = () => {
      handle.id = clock.setTimer(delay, () => {
        if (repeat) arm();
        callback(...args);
      }, { repeating: repeat }).id;
    };
    arm();
    return handle;
  };
  const clear = (handle: unknown) => {
    if (handle && typeof handle === 'object' && 'id' in handle) Run.active?.ports.clock.clearTimer(handle as TimerHandle);
  };
  return {
    setTimeout: (callback: (...args: unknown[]) => void, ms?: unknown, ...args: unknown[]) => startTimer('setTimeout', callback, ms, args, false),
    setInterval: (callback: (...args: unknown[]) => void, ms?: unknown, ...args: unknown[]) => startTimer('setInterval', callback, ms, args, true),
    setImmediate: (callback: (...args: unknown[]) => void, ...args: unknown[]) => startTimer('setImmediate', callback, 0, args, false),
    clearTimeout: clear,
    clearInterval: clear,
    clearImmediate: clear,
  };
}

/**
 * The globals scenario code sees: time, timers and randomness are the run's virtual ones;
 * nondeterministic APIs the twin cannot virtualize throw an error naming them.
 */
export function createVirtualGlobals(): Record<string, unknown> {
  const virtualMath = Object.create(null) as Record<string, unknown>;
  for (const key of Object.getOwnPropertyNames(Math)) virtualMath[key] = (Math as unknown as Record<string, unknown>)[key];
  virtualMath.random = () => Run.active?.ports.random.next() ?? fallbackRandom.float();
  const timerApi = timers();
  const performance = { now: () => now() - EPOCH_MS, timeOrigin: EPOCH_MS };
  const processShim = {
    env: { ...process.env },
    argv: [],
    platform: process.platform,
    version: process.version,
    versions: process.versions,
    nextTick: (callback: (...args: unknown[]) => void, ...args: unknown[]) => queueMicrotask(() => callback(...args)),
    hrtime: Object.assign((previous?: [number, number]) => {
      const ms = now() - EPOCH_MS - (previous ? previous[0] * 1000 + previous[1] / 1e6 : 0);
      return [Math.floor(ms / 1000), Math.round((ms % 1000) * 1e6)];
    }, { bigint: () => BigInt(Math.round((now() - EPOCH_MS) * 1e6)) }),
    cwd: () => process.cwd(),
    memoryUsage: forbidden('process.memoryUsage'),
    cpuUsage: forbidden('process.cpuUsage'),
    uptime: () => (now() - EPOCH_MS) / 1000,
  };
  return {
    console,
    Date: VirtualDate,
    Math: virtualMath,
    ...timerApi,
    queueMicrotask,
    process: processShim,
    performance,
    crypto: { randomUUID: forbidden('crypto.randomUUID'), getRandomValues: forbidden('crypto.getRandomValues'), subtle: undefined },
    fetch: forbidden('fetch (use ports.net)'),
    TextEncoder,
    TextDecoder,
    URL,
    URLSearchParams,
    Buffer,
    AbortController,
    AbortSignal,
    structuredClone,
    atob,
    btoa,
    Event,
    EventTarget,
  };
}

/** Replacements for builtin modules whose members are nondeterministic. */
export function virtualBuiltin(id: string, host: unknown, globals: Record<string, unknown>): unknown {
  const name = id.replace(/^node:/, '');
  if (name === 'timers') return { ...(host as object), ...(['setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'clearImmediate'] as const).reduce((all, key) => ({ ...all, [key]: globals[key] }), {}) };
  if (name === 'perf_hooks') return { ...(host as object), performance: globals.performance };
  if (name === 'crypto') {
    const blocked = new Set(['randomBytes', 'randomUUID', 'randomInt', 'randomFillSync', 'randomFill', 'getRandomValues']);
    return new Proxy(host as object, { get: (target, prop) => (typeof prop === 'string' && blocked.has(prop) ? forbidden(`crypto.${prop}`) : Reflect.get(target, prop)) });
  }
  return host;
}
