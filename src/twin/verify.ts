import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Scenario } from '@krepis/kernel';
import { wallMs } from './engine/host.js';
import { noScenariosError } from './errors.js';
import { exploreScenario } from './explore/exploreScenario.js';
import { discoverScenarioFiles } from './load/discover.js';
import { loadScenarioFile } from './load/loadScenarioFile.js';
import type { ExplorationStrategy, ScenarioReport, VerifyOptions, VerifyReport } from './types.js';

/** Defaults of {@link VerifyOptions}. */
export const verifyDefaults = { strategy: 'dpor' as ExplorationStrategy, budget: 1000, seed: 1, depth: 3 } as const;

/**
 * Explores one scenario (interleavings, virtual time, faults) and reports what it covered or the
 * shrunk, replayable violations it found.
 *
 * @example
 * ```ts
 * const report = await verifyScenario(scenario, { strategy: 'exhaustive', budget: 5000 });
 * if (!report.ok) console.log(report.violations[0]?.replayToken);
 * ```
 */
export function verifyScenario<App>(described: Scenario<App>, options: VerifyOptions & { file?: string; fresh?: () => Scenario } = {}): Promise<ScenarioReport> {
  const scenario = described as unknown as Scenario;
  return exploreScenario(scenario, {
    strategy: options.strategy ?? verifyDefaults.strategy,
    budget: options.budget ?? verifyDefaults.budget,
    seed: options.seed ?? verifyDefaults.seed,
    preemptionBound: options.preemptionBound,
    depth: options.depth ?? verifyDefaults.depth,
    chaos: options.chaos ?? scenario.chaos !== undefined,
    stopOnFirst: options.stopOnFirst ?? true,
    signal: options.signal,
    onProgress: options.onProgress,
    ...(options.file ? { file: options.file } : {}),
    ...(options.fresh ? { fresh: options.fresh } : {}),
  });
}

/**
 * Points each violation at a line of its scenario file: the violated property's name where it is
 * declared, else the scenario's `defineScenario(` call.
 */
export function locate(report: ScenarioReport, file: string, index: number): ScenarioReport {
  const lines = readFileSync(file, 'utf8').split('\n');
  const defines = lines.flatMap((text, i) => (text.includes('defineScenario(') ? [i + 1] : []));
  const fallback = defines[index] ?? defines[0] ?? 1;
  for (const violation of report.violations) {
    const property = violation.details?.property;
    const at = typeof property === 'string' ? lines.findIndex((text) => text.includes(`'${property}'`) || text.includes(`"${property}"`)) : -1;
    violation.line = at >= 0 ? at + 1 : fallback;
  }
  return report;
}

/** Sums scenario reports into one project report. */
export function summarize(scenarios: ScenarioReport[], wall: number): VerifyReport {
  return {
    ok: scenarios.every((scenario) => scenario.ok),
    scenarios,
    distinctStates: scenarios.reduce((sum, s) => sum + s.distinctStates, 0),
    transitions: scenarios.reduce((sum, s) => sum + s.transitions, 0),
    schedules: scenarios.reduce((sum, s) => sum + s.schedules, 0),
    violations: scenarios.flatMap((s) => s.violations),
    wallMs: Math.round(wall),
    virtualMs: scenarios.reduce((sum, s) => sum + s.virtualMs, 0),
  };
}

/** Scenario files to verify: the given ones (relative to `root`) or every `*.twin.ts` under it. */
export async function scenarioFiles(root: string, files?: string[]): Promise<string[]> {
  const list = files && files.length > 0 ? files.map((file) => path.resolve(root, file)) : await discoverScenarioFiles(root);
  if (list.length === 0) throw noScenariosError(root);
  return list;
}

/**
 * Verifies every scenario of a project (`krepis verify`).
 *
 * @example
 * ```ts
 * const report = await verifyProject(process.cwd(), { strategy: 'dpor', budget: 2000 });
 * console.log(`${report.distinctStates} states · ${report.violations.length} violations`);
 * ```
 */
export async function verifyProject(root: string, options: VerifyOptions = {}): Promise<VerifyReport> {
  const started = wallMs();
  const files = await scenarioFiles(root, options.files);
  if ((options.workers ?? 1) > 1) {
    const { verifyInWorkers } = await import('./workers/pool.js');
    return verifyInWorkers(files, options, root);
  }
  const reports: ScenarioReport[] = [];
  for (const file of files) {
    const loaded = loadScenarioFile(file);
    for (let index = 0; index < loaded.names.length; index++) {
      if (options.signal?.aborted) break;
      const fresh = () => loaded.instantiate()[index] as Scenario;
      reports.push(locate(await verifyScenario(fresh(), { ...options, file: path.relative(root, file), fresh }), file, index));
    }
  }
  return summarize(reports, wallMs() - started);
}
