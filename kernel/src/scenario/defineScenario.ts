import type { Scenario, ScenarioDefinition } from './types.js';

/** Thrown when a scenario description is malformed. */
export class ScenarioDefinitionError extends Error {
  readonly code = 'KREPIS_SCENARIO_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'ScenarioDefinitionError';
  }
}

function fail(name: string, problem: string): never {
  throw new ScenarioDefinitionError(`scenario "${name}": ${problem}`);
}

function validate<App>(definition: ScenarioDefinition<App>): void {
  const name = typeof definition.name === 'string' && definition.name.length > 0 ? definition.name : fail('?', 'needs a non-empty `name`');
  if (typeof definition.setup !== 'function') fail(name, '`setup` must be a function');
  const actors = Object.entries(definition.actors ?? {});
  if (actors.length === 0 && !definition.workload) fail(name, 'declare at least one actor');
  for (const [actor, spec] of actors) {
    const run = typeof spec === 'function' ? spec : spec?.run;
    if (typeof run !== 'function') fail(name, `actor "${actor}" must be a function or { run }`);
  }
  for (const key of Object.keys(definition.workload?.mix ?? {})) {
    if (!actors.some(([actor]) => actor === key)) fail(name, `workload mix names unknown actor "${key}"`);
  }
}

/**
 * Describes a concurrency scenario for the twin (`krepis verify`). A pure description: the twin
 * runs `setup` on virtual ports, starts every actor concurrently, explores their interleavings,
 * virtual time and injected faults, and checks the properties.
 *
 * Files named `*.twin.ts` default-export one scenario (or an array of them).
 *
 * @example
 * ```ts
 * import { defineScenario } from '@krepis/kernel';
 *
 * const enc = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
 * export default defineScenario({
 *   name: 'two deposits',
 *   async setup({ ports }) {
 *     await ports.storage.put('t', 'balance', enc(0));
 *     return { storage: ports.storage };
 *   },
 *   actors: {
 *     deposit: {
 *       count: 2,
 *       async run({ app }) {
 *         for (;;) {
 *           const cur = await app.storage.get('t', 'balance');
 *           const next = JSON.parse(new TextDecoder().decode(cur!.value)) + 10;
 *           if ((await app.storage.put('t', 'balance', enc(next), { ifVersion: cur!.version })).ok) return;
 *         }
 *       },
 *     },
 *   },
 *   finally: { 'both deposits land': (_app, view) => view.json('t', 'balance') === 20 },
 * });
 * ```
 */
export function defineScenario<App>(definition: ScenarioDefinition<App>): Scenario<App> {
  validate(definition);
  return Object.freeze({ ...definition, kind: 'krepis.scenario' as const });
}

/** Whether `value` was made by {@link defineScenario}. */
export function isScenario(value: unknown): value is Scenario {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'krepis.scenario';
}
