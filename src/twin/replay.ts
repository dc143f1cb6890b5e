import path from 'node:path';
import type { Scenario } from '@krepis/kernel';
import { wallMs } from './engine/host.js';
import { unknownScenarioError } from './errors.js';
import { decodeReplayToken, encodeReplayToken } from './explore/replayToken.js';
import { replayPlan } from './explore/runOnce.js';
import { loadScenarioFile } from './load/loadScenarioFile.js';
import type { ScenarioReport, VerifyReport } from './types.js';
import { scenarioFiles, summarize } from './verify.js';

/**
 * Replays the schedule a token names (`krepis verify --replay <token>`): same seed, same decisions,
 * same trace, every time.
 */
export async function replayToken(root: string, token: string, files?: string[]): Promise<VerifyReport> {
  const started = wallMs();
  const plan = decodeReplayToken(token);
  for (const file of await scenarioFiles(root, files)) {
    const loaded = loadScenarioFile(file);
    const index = loaded.names.indexOf(plan.scenario);
    if (index < 0) continue;
    const fresh = () => loaded.instantiate()[index] as Scenario;
    const result = await replayPlan(fresh, plan, true);
    const relative = path.relative(root, file);
    const report: ScenarioReport = {
      name: plan.scenario,
      file: relative,
      ok: result.findings.length === 0,
      strategy: 'exhaustive',
      seed: plan.seed,
      schedules: 1,
      distinctStates: new Set(result.states).size,
      transitions: result.steps,
      races: result.races.length,
      violations: result.findings.map((finding) => ({
        kind: finding.kind,
        message: finding.message,
        scenario: plan.scenario,
        file: relative,
        trace: result.trace.filter((step) => step.step <= finding.step),
        replayToken: encodeReplayToken(plan),
        ...(finding.details ? { details: finding.details } : {}),
      })),
      wallMs: Math.round(wallMs() - started),
      virtualMs: result.virtualMs,
      complete: true,
    };
    return summarize([report], wallMs() - started);
  }
  throw unknownScenarioError(plan.scenario);
}
