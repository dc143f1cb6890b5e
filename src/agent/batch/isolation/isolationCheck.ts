import ts from 'typescript';
import { BatchErrorCode } from '../errors.js';
import type { ItemExecutor, ItemOutcome } from '../types.js';
import type { IsolatedResult, IsolationPool } from './IsolationPool.js';

const RUNNABLE = /\.(m|c)?[jt]sx?$/;
const SKIPPED = /(\.d\.[mc]?ts|\.(test|spec)\.[mc]?[jt]sx?)$/;

/** The changed file as CommonJS the isolate can run. */
function toCommonJs(file: string, source: string): string {
  return ts.transpileModule(source, { fileName: file, compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, jsx: ts.JsxEmit.React } }).outputText;
}

const describe = (file: string, result: Extract<IsolatedResult, { ok: false }>): string => `${file}: ${result.reason === 'error' ? 'threw while loading' : `hit the ${result.reason} limit`}: ${result.message}`;

/**
 * Wraps an executor: every verified change's modules are then evaluated, one isolate each (heap
 * and time limits, no network, no child processes, imports stubbed), so generated code that
 * hangs, allocates without bound or reaches out at load time fails its item before it is applied.
 */
export function withIsolationCheck(executor: ItemExecutor, pool: IsolationPool): ItemExecutor {
  return async (item, context): Promise<ItemOutcome> => {
    const outcome = await executor(item, context);
    if (outcome.status !== 'verified' || !outcome.change) return outcome;
    const files = outcome.change.files.filter((file) => file.after !== null && RUNNABLE.test(file.path) && !SKIPPED.test(file.path));
    const failures: string[] = [];
    for (const file of files) {
      const result = await pool.run({ code: toCommonJs(file.path, file.after ?? ''), stubImports: true }, context.signal);
      if (!result.ok) failures.push(describe(file.path, result));
    }
    const stage = { name: 'isolation', ok: failures.length === 0, issues: failures.length };
    if (failures.length === 0) return { ...outcome, stages: [...outcome.stages, stage] };
    const { change: _dropped, ...rest } = outcome;
    return { ...rest, status: 'failed', stages: [...outcome.stages, stage], error: { code: BatchErrorCode.isolationLimit, message: failures.join('; '), hint: 'The generated module misbehaves when loaded; rerun the item or raise `isolation` limits in the job file.' } };
  };
}
