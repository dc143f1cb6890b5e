import type { ActorContext, Deferred, Ports, Scenario, ScenarioSetup, StateView, StoredValue, TaskHandle } from '@krepis/kernel';
import type { Scheduler } from 'fast-check';

/**
 * The kernel ports on top of fast-check's `fc.scheduler`: every port call is a scheduled promise and
 * its effect happens when the scheduler releases it. No memory tracking, no virtual time (sleeps
 * and timers are just scheduled), no crash model: what fast-check offers a JavaScript user.
 */
export function fastCheckPorts(s: Scheduler): { ports: Ports; view: () => StateView } {
  const cells = new Map<string, StoredValue>();
  const logs = new Map<string, Uint8Array>();
  const held = new Map<string, (() => void)[] | undefined>();
  const point = <T>(effect: () => T): Promise<T> => s.schedule(Promise.resolve()).then(effect);
  let now = 0;
  const put = (key: string, value: Uint8Array | undefined, ifVersion?: number) => {
    const version = cells.get(key)?.version ?? 0;
    if (ifVersion !== undefined && ifVersion !== version) return { ok: false as const, reason: 'conflict' as const, key, currentVersion: version };
    if (value) cells.set(key, { value, version: version + 1 });
    else cells.delete(key);
    return { ok: true as const, version: version + 1 };
  };
  const ports: Ports = {
    clock: {
      now: () => now,
      sleep: (ms) => point(() => void (now += ms)),
      setTimer: (_ms, callback) => {
        const handle = { id: 0, cancelled: false };
        void point(() => !handle.cancelled && callback());
        return handle;
      },
      clearTimer: (handle) => void ((handle as { cancelled?: boolean }).cancelled = true),
    },
    random: { next: () => 0.5, bytes: (length) => new Uint8Array(length) },
    storage: {
      get: (tenant, key) => point(() => cells.get(`${tenant}/${key}`)),
      put: (tenant, key, value, condition) => point(() => put(`${tenant}/${key}`, value, condition?.ifVersion)),
      delete: (tenant, key, condition) => point(() => put(`${tenant}/${key}`, undefined, condition?.ifVersion)),
      list: () => point(() => []),
      batch: (tenant, ops) => point(() => ops.map((op) => put(`${tenant}/${op.key}`, op.type === 'put' ? op.value : undefined, op.ifVersion)).at(-1) ?? { ok: true, version: 0 }),
    },
    journal: {
      append: (log, bytes) => point(() => {
        const old = logs.get(log) ?? new Uint8Array();
        const next = new Uint8Array(old.length + bytes.length);
        next.set(old);
        next.set(bytes, old.length);
        logs.set(log, next);
        return old.length;
      }),
      read: (log) => point(() => logs.get(log) ?? new Uint8Array()),
      sync: () => point(() => undefined),
      truncate: (log, length) => point(() => void logs.set(log, (logs.get(log) ?? new Uint8Array()).slice(0, length))),
      replace: (log, bytes) => point(() => void logs.set(log, bytes)),
    },
    locks: {
      acquire: async (name) => {
        await point(() => undefined);
        while (held.get(name)) await new Promise<void>((resolve) => held.get(name)?.push(resolve));
        held.set(name, []);
        return { name, release: () => point(() => { const waiters = held.get(name); held.set(name, undefined); waiters?.forEach((wake) => wake()); }) };
      },
      tryAcquire: (name) => point(() => (held.get(name) ? undefined : (held.set(name, []), { name, release: () => point(() => void held.set(name, undefined)) }))),
    },
    net: { fetch: () => point(() => ({ status: 200, headers: {}, body: new Uint8Array() })) },
    logger: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, child() { return this; } },
  };
  const view = (): StateView => ({
    now,
    bytes: (tenant, key) => cells.get(`${tenant}/${key}`)?.value,
    json: <T>(tenant: string, key: string) => {
      const bytes = cells.get(`${tenant}/${key}`)?.value;
      return bytes === undefined ? undefined : (JSON.parse(new TextDecoder().decode(bytes)) as T);
    },
    journal: (log) => logs.get(log) ?? new Uint8Array(),
    running: [],
  });
  return { ports, view };
}

/** Runs one scenario once under `s`; resolves to a failure reason, or `undefined` when it held. */
export async function runUnderFastCheck(scenario: Scenario, s: Scheduler): Promise<string | undefined> {
  const { ports, view } = fastCheckPorts(s);
  const setup: ScenarioSetup = { ports, track: (_name, value) => value };
  const app = await s.waitFor(Promise.resolve(scenario.setup(setup)));
  const settled: boolean[] = [];
  const failures: string[] = [];
  const actors = Object.entries(scenario.actors).flatMap(([name, spec]) => {
    const run = typeof spec === 'function' ? spec : spec.run;
    return Array.from({ length: typeof spec === 'function' ? 1 : (spec.count ?? 1) }, (_, instance) => {
      const ctx: ActorContext<unknown> = {
        ...setup,
        app,
        actor: name,
        instance,
        spawn: <T>(_child: string, body: () => Promise<T>): TaskHandle<T> => {
          const promise = body();
          promise.catch(() => undefined);
          return { name: _child, join: () => promise };
        },
        yield: () => s.schedule(Promise.resolve()),
        deferred: <T>(): Deferred<T> => {
          let resolve!: (value: T) => void;
          let reject!: (reason: unknown) => void;
          const promise = new Promise<T>((ok, fail) => ((resolve = ok), (reject = fail)));
          return { wait: () => promise, resolve, reject };
        },
      };
      const index = settled.push(false) - 1;
      return Promise.resolve()
        .then(() => run(ctx))
        .then(
          () => void (settled[index] = true),
          (error: unknown) => void failures.push(`${name} threw ${String(error)}`),
        );
    });
  });
  await s.waitIdle();
  void actors;
  if (failures.length > 0) return failures[0];
  if (settled.some((done) => !done)) return 'an actor never finished';
  for (const [name, check] of Object.entries({ ...scenario.invariants, ...scenario.finally })) {
    const verdict = check(app, view());
    if (verdict === false || typeof verdict === 'string') return `invariant ${name}`;
  }
  return undefined;
}
