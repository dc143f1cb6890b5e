/**
 * `npm run bench -- agent-types`: the agent's type stage on a one-file change in a 500-file project
 * (incremental language service: only the changed file and its dependents), against a cold full
 * `tsc --noEmit` of the same project with TypeScript 6 and the native TypeScript 7, side by side.
 * Targets: ≤ 300 ms and ≤ 25% of the fastest cold full check.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ProjectService } from '../src/agent/index.js';
import { typesStage } from '../src/agent/pipeline/typesStage.js';
import { resolveConfig } from '../src/config/index.js';
import { moduleSource, syntheticProject } from './agent/syntheticProject.js';
import { stageContextFor } from './agent/stageContext.js';
import type { Benchmark } from './types.js';
import { median } from './lib/stats.js';

const FILES = 500;
const CHANGES = 15;
const COLD_RUNS = 2;
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const round = (value: number): number => Math.round(value);

function coldCheck(tsc: string, root: string): number {
  const started = performance.now();
  execFileSync(process.execPath, [path.join(repo, tsc), '--noEmit', '-p', root], { stdio: 'pipe' });
  return performance.now() - started;
}

const bench: Benchmark = async ({ log }) => {
  using project = syntheticProject(FILES);
  const config = await resolveConfig({ cwd: project.root, env: {} });
  const tsc6 = Math.min(...Array.from({ length: COLD_RUNS }, () => coldCheck('node_modules/typescript/bin/tsc', project.root)));
  log(`cold tsc --noEmit (TypeScript 6): ${round(tsc6)} ms`);
  const tsc7 = Math.min(...Array.from({ length: COLD_RUNS }, () => coldCheck('node_modules/typescript7/bin/tsc', project.root)));
  log(`cold tsc --noEmit (TypeScript 7, native): ${round(tsc7)} ms`);

  const service = new ProjectService(project.root);
  const warmStarted = performance.now();
  const first = stageContextFor(project.root, config, service, { 'src/m1.ts': moduleSource(1, 1) });
  const firstResult = await typesStage(first);
  await first[Symbol.asyncDispose]();
  const firstMs = performance.now() - warmStarted;
  log(`first check (service cold: loads and binds the project): ${round(firstMs)} ms, ok=${String(firstResult.ok)}`);

  const times: number[] = [];
  const checked: number[] = [];
  for (let change = 0; change < CHANGES; change++) {
    const target = 20 + Math.floor((change * (FILES - 40)) / CHANGES);
    const context = stageContextFor(project.root, config, service, { [`src/m${target}.ts`]: moduleSource(target, change + 2) });
    const started = performance.now();
    const result = await typesStage(context);
    times.push(performance.now() - started);
    checked.push(Number((result.data as { checkedFiles?: number } | undefined)?.checkedFiles ?? 0));
    if (!result.ok) throw new Error(`the benchmark change did not type-check: ${JSON.stringify(result.issues.slice(0, 2))}`);
    await context[Symbol.asyncDispose]();
  }
  service.dispose();
  const ours = median(times);
  const fastest = Math.min(tsc6, tsc7);
  const ratio = ours / fastest;
  const pass = ours <= 300 && ratio <= 0.25;
  return {
    summary: `type stage, one-file change in ${FILES} files: median ${round(ours)} ms (max ${round(Math.max(...times))} ms, ${median(checked)} files checked) vs cold tsc 6 ${round(tsc6)} ms / tsc 7 ${round(tsc7)} ms → ${(ratio * 100).toFixed(1)}% of the fastest cold check (targets ≤ 300 ms, ≤ 25%: ${pass ? 'met' : 'NOT met'}); first check with a cold service ${round(firstMs)} ms`,
    figures: { files: FILES, changes: CHANGES, oursMedianMs: round(ours), oursMaxMs: round(Math.max(...times)), oursAllMs: times.map(round), checkedFilesMedian: median(checked), firstCheckColdServiceMs: round(firstMs), tsc6ColdMs: round(tsc6), tsc7ColdMs: round(tsc7), ratioToFastest: Number(ratio.toFixed(3)) },
    pass,
  };
};

export default bench;
