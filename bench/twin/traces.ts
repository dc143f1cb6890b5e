import type { Scenario } from '@krepis/kernel';
import { Run } from '../../src/twin/engine/Run.js';
import type { Access } from '../../src/twin/engine/Task.js';
import { DfsExplorer } from '../../src/twin/explore/dfs.js';

/**
 * A canonical form of a schedule's Mazurkiewicz trace: per location, the order of writes and which
 * write each read follows (reads between two writes commute, so they are sorted).
 */
export function traceKey(steps: readonly { lane: number; accesses: readonly Access[] }[]): string {
  const perLoc = new Map<string, string[]>();
  const counts = new Map<number, number>();
  for (const step of steps) {
    const index = counts.get(step.lane) ?? 0;
    counts.set(step.lane, index + 1);
    for (const access of step.accesses) {
      const list = perLoc.get(access.loc) ?? [];
      list.push(`${access.write ? 'W' : 'R'}${step.lane}.${index}`);
      perLoc.set(access.loc, list);
    }
  }
  const parts: string[] = [];
  for (const [loc, list] of [...perLoc].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const segments: string[] = [];
    let reads: string[] = [];
    for (const entry of list) {
      if (entry.startsWith('R')) reads.push(entry);
      else {
        segments.push(reads.sort().join(','), entry);
        reads = [];
      }
    }
    segments.push(reads.sort().join(','));
    parts.push(`${loc}:${segments.join('|')}`);
  }
  return parts.join(';');
}

export interface Exploration {
  /** Executions started (including ones DPOR abandoned as redundant). */
  executions: number;
  /** Executions that ran to the end. */
  complete: number;
  traces: Set<string>;
  kinds: Set<string>;
}

/** Explores `scenario` completely with one DFS mode, counting distinct traces and violation kinds. */
export async function exploreAll(scenario: Scenario, mode: 'exhaustive' | 'dpor', bound = Infinity, limit = 200_000): Promise<Exploration> {
  const dfs = new DfsExplorer(mode, bound, undefined, false);
  const result: Exploration = { executions: 0, complete: 0, traces: new Set(), kinds: new Set() };
  for (let chooser = dfs.nextChooser(); chooser && result.executions < limit; chooser = dfs.nextChooser()) {
    const run = await new Run({ scenario, seed: 1, chooser, trace: false, stopOnFinding: false }).execute();
    result.executions++;
    if (!run.abandoned) {
      result.complete++;
      result.traces.add(traceKey(dfs.lastSteps));
    }
    for (const finding of run.findings) result.kinds.add(finding.kind);
    dfs.afterRun();
  }
  return result;
}
