import type { ActorContext, ActorSpec, Actor, Deferred, Scenario, TaskHandle } from '@krepis/kernel';
import { deriveSeed, Prng } from './prng.js';
import type { Run } from './Run.js';
import type { Task } from './Task.js';
import { trackObject } from './track.js';

const specOf = <App>(spec: Actor<App> | ActorSpec<App>): ActorSpec<App> => (typeof spec === 'function' ? { run: spec } : spec);

function spawnChild<T>(run: Run, name: string, body: () => Promise<T>): TaskHandle<T> {
  const child = run.spawnTask(name, 'spawn', body, run.now, true);
  return {
    name,
    join() {
      child.joined = true;
      return run.issue(`join ${name}`, [], () => {
        run.current?.absorb(child.vc);
        if (child.status === 'failed') throw child.error;
        return child.result as T;
      }, { waitingFor: () => (child.done ? undefined : { kind: 'join', name, holder: child }) });
    },
  };
}

function createDeferred<T>(run: Run): Deferred<T> {
  const name = `d${++run.deferreds}`;
  let settled: { ok: boolean; value: unknown; by: Task | undefined } | undefined;
  const settle = (ok: boolean, value: unknown) => {
    if (settled) {
      run.report('double-resolve', `deferred ${name} settled twice: first by ${settled.by?.name ?? 'the twin'}, again by ${run.current?.name ?? 'the twin'}`, { deferred: name });
      return;
    }
    settled = { ok, value, by: run.current };
  };
  return {
    wait: () =>
      run.issue(`await ${name}`, [], () => {
        if (settled?.by) run.current?.absorb(settled.by.vc);
        if (!settled?.ok) throw settled?.value;
        return settled.value as T;
      }, { waitingFor: () => (settled ? undefined : { kind: 'deferred', name }) }),
    resolve: (value) => settle(true, value),
    reject: (reason) => settle(false, reason),
  };
}

function contextFor<App>(run: Run, actor: string, instance: number): ActorContext<App> {
  const setup = run.setupContext;
  return {
    ports: setup.ports,
    track: (name, value) => trackObject(run, name, value),
    app: run.app as App,
    actor,
    instance,
    spawn: (name, body) => spawnChild(run, name, body),
    yield: () => run.issue('yield', [], () => run.noteRetry()),
    deferred: () => createDeferred(run),
  };
}

function startWorkload(run: Run, scenario: Scenario): void {
  const workload = scenario.workload;
  if (!workload) return;
  const prng = new Prng(deriveSeed(run.options.seed, 3));
  const mix = Object.entries(workload.mix).filter(([, weight]) => weight > 0);
  const total = mix.reduce((sum, [, weight]) => sum + weight, 0);
  const counts = new Map<string, number>();
  for (let at = 0, n = 0; ; n++) {
    at += (-Math.log(1 - prng.float()) / workload.ratePerSecond) * 1000;
    if (at > workload.durationMs || total === 0) break;
    let pick = prng.float() * total;
    const [actor] = mix.find(([, weight]) => (pick -= weight) < 0) ?? (mix[0] as [string, number]);
    const spec = specOf(scenario.actors[actor] as Actor<unknown>);
    const instance = counts.get(actor) ?? 0;
    counts.set(actor, instance + 1);
    run.scheduleArrival(run.now + at, `${actor}#${instance}`, () => spec.run(contextFor(run, actor, instance)));
  }
}

/** Starts every actor (and its copies) as concurrent tasks, or the workload's arrivals. */
export function startActors(run: Run, scenario: Scenario): void {
  if (scenario.workload) {
    startWorkload(run, scenario);
    return;
  }
  for (const [actor, raw] of Object.entries(scenario.actors)) {
    const spec = specOf(raw as Actor<unknown>);
    const count = spec.count ?? 1;
    for (let instance = 0; instance < count; instance++) {
      const name = count === 1 ? actor : `${actor}#${instance}`;
      run.spawnTask(name, 'actor', () => spec.run(contextFor(run, actor, instance)), run.now, true);
    }
  }
}
