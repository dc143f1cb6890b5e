import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { TriStore, TypeFactsReport } from '../../src/tristore/index.js';
import type { BuiltTriStore } from '../lib/build.js';
import { timed } from '../lib/stats.js';

const EAGER_DIR = '.krepis-types-bench';

/** What {@link measureTypes} reports. */
export interface TypesFigures {
  /** The eager pass (`krepis index --types`) over every file of the corpus, after a cold index of its own. */
  eager: TypeFactsReport & { coldIndexMs: number };
  /** One lazy demand each on a store with no type facts yet (the first includes creating the checker's project). */
  lazy: { target: string; dependenciesMs: number; dependentsMs: number; contextMs: number; warmDependenciesMs: number; edgesAdded: number };
}

/** {@link timed}, to the whole millisecond. */
async function timedMs<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const { value, ms } = await timed(work);
  return { value, ms: Math.round(ms) };
}

/** A zod method with member calls of its own: the kind of symbol a task names. */
async function pickTarget(store: TriStore): Promise<string> {
  for (const name of ['ZodType.safeParse', 'ZodObject.extend', 'ZodType.parse']) {
    const [found] = await store.lookup(name);
    if (found?.file.startsWith('zod/')) return found.id;
  }
  const [any] = (await store.lookup('parse')).filter((symbol) => symbol.file.startsWith('zod/'));
  return any?.id ?? 'ZodType';
}

/**
 * Type-aware calls on the corpus: the lazy demand of one dependencies query, one dependents query
 * and one context assembly on `store` (indexed, no type facts yet), then the eager pass over every
 * file in a second store of its own.
 */
export async function measureTypes(store: TriStore, root: string, built: BuiltTriStore, log: (line: string) => void): Promise<TypesFigures> {
  const target = await pickTarget(store);
  const edgesBefore = (await store.internals.graph.counts()).edges;
  const dependencies = await timedMs(() => store.dependencies(target, 1));
  const dependents = await timedMs(() => store.dependents(target, 1));
  const context = await timedMs(() => store.assembleContext(`Change ${target.slice(target.indexOf('#') + 1)} so that it reports every issue`, { budget: 6000, implement: [target] }));
  const warm = await timedMs(() => store.dependencies(target, 1));
  const edgesAdded = (await store.internals.graph.counts()).edges - edgesBefore;
  log(`  lazy on ${target}: dependencies ${dependencies.ms} ms (checker start included), dependents ${dependents.ms} ms, context ${context.ms} ms, warm dependencies ${warm.ms} ms; ${edgesAdded} calls edges added`);
  const eagerStore = await built.openTriStore(await built.resolveConfig({ cwd: root, env: {}, overrides: { index: { dir: EAGER_DIR } } }));
  try {
    const cold = await timedMs(() => eagerStore.update());
    const report = (await eagerStore.update({ types: true })).types as TypeFactsReport;
    log(`  eager over the corpus: ${report.resolved} of ${report.sites} member calls resolved in ${report.files} files (${report.external} outside, ${report.unresolved} unresolved) in ${report.ms} ms; its cold index ${cold.ms} ms`);
    return { eager: { ...report, coldIndexMs: cold.ms }, lazy: { target, dependenciesMs: dependencies.ms, dependentsMs: dependents.ms, contextMs: context.ms, warmDependenciesMs: warm.ms, edgesAdded } };
  } finally {
    await eagerStore.close();
    await rm(path.join(root, EAGER_DIR), { recursive: true, force: true, maxRetries: 10 });
  }
}
