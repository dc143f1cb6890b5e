import { existsSync, readFileSync, statSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import * as kernel from '@krepis/kernel';
import { isScenario, type Scenario } from '@krepis/kernel';
import { createJiti } from 'jiti';
import { bindScenarioRealm } from '../engine/OpPromise.js';
import { loadFailedError, notAScenarioError } from '../errors.js';
import { findInvariantTags, tagInvariants } from './jsdocInvariants.js';
import { compileModule, type ModuleFunction } from './moduleWrapper.js';
import { createVirtualGlobals, virtualBuiltin } from './virtualGlobals.js';

/** A scenario file, compiled once; `instantiate` evaluates its module graph afresh (no state leaks between runs). */
export interface LoadedScenarioFile {
  readonly file: string;
  readonly names: readonly string[];
  instantiate(): Scenario[];
}

const builtins = new Set(builtinModules);
const SOURCE_EXTENSIONS = ['.ts', '.mts', '.cts', '.tsx', '.js', '.mjs', '.cjs'];

function resolveLocal(from: string, id: string): string | undefined {
  const base = path.resolve(path.dirname(from), id);
  const candidates = [base, base.replace(/\.(m|c)?js$/, '.$1ts'), ...SOURCE_EXTENSIONS.map((ext) => base + ext), ...SOURCE_EXTENSIONS.map((ext) => path.join(base, `index${ext}`))];
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
}

/**
 * Loads a `*.twin.ts` file into a `node:vm` context whose Date, Math.random, timers, nextTick and
 * performance are the twin's virtual ones. The file and its local imports run inside the context;
 * `@krepis/kernel` is shared with the twin; packages from node_modules load normally.
 */
export function loadScenarioFile(file: string): LoadedScenarioFile {
  const globals = createVirtualGlobals();
  const context = vm.createContext({ ...globals });
  // The scenario's awaits run in this realm: its ops are promises of its own Promise (one tick per await).
  const realmPromise = vm.runInContext('Promise', context) as PromiseConstructor;
  const jiti = createJiti(file, { moduleCache: true });
  const compiled = new Map<string, ModuleFunction>();
  let tagged: Record<string, ReturnType<typeof tagInvariants>[string]> | undefined;

  const compile = (filename: string): ModuleFunction => {
    const known = compiled.get(filename);
    if (known) return known;
    const source = readFileSync(filename, 'utf8');
    const code = jiti.transform({ source, filename, ts: /\.[mc]?tsx?$/.test(filename) });
    const fn = compileModule(code, filename, context);
    compiled.set(filename, fn);
    return fn;
  };

  const instantiate = (): Scenario[] => {
    const registry = new Map<string, { exports: object }>();
    const requireFrom = (from: string) => (id: string): unknown => {
      if (id === '@krepis/kernel') return kernel;
      const bare = id.replace(/^node:/, '');
      if (builtins.has(bare)) return virtualBuiltin(id, createRequire(from)(id), globals);
      if (id.startsWith('.') || path.isAbsolute(id)) {
        const resolved = resolveLocal(from, id);
        if (resolved && !resolved.includes(`${path.sep}node_modules${path.sep}`)) return evaluate(resolved);
      }
      return jiti(id);
    };
    const evaluate = (filename: string): object => {
      const cached = registry.get(filename);
      if (cached) return cached.exports;
      const module = { exports: {} };
      registry.set(filename, module);
      compile(filename)(module.exports, requireFrom(filename), module, filename, path.dirname(filename));
      const parseError = (module.exports as { __JITI_ERROR__?: { line?: number; column?: number; message?: string } }).__JITI_ERROR__;
      if (parseError) throw new SyntaxError(`${path.basename(filename)}:${parseError.line ?? 0}:${parseError.column ?? 0}: ${parseError.message ?? 'syntax error'}`);
      return module.exports;
    };
    const exported = (evaluate(file) as { default?: unknown }).default;
    const list = Array.isArray(exported) ? exported : [exported];
    if (list.length === 0 || !list.every(isScenario)) throw notAScenarioError(file);
    // JSDoc `@invariant` tags in the files this scenario loaded become invariants of it.
    tagged ??= tagInvariants(findInvariantTags(registry.keys()), context);
    const extra = tagged;
    const scenarios = Object.keys(extra).length === 0 ? (list as Scenario[]) : (list as Scenario[]).map((scenario) => ({ ...scenario, invariants: { ...scenario.invariants, ...extra } }));
    for (const scenario of scenarios) bindScenarioRealm(scenario, realmPromise);
    return scenarios;
  };

  try {
    const first = instantiate();
    return { file, names: first.map((scenario) => scenario.name), instantiate };
  } catch (error) {
    if ((error as { code?: unknown }).code === 'KREPIS_TWIN_NOT_A_SCENARIO') throw error;
    throw loadFailedError(file, error);
  }
}
