/**
 * `npm run bench -- tristore [cold] [reindex] [types] [queries] [hybrid] [context] [rss] [--rounds=3]` (default: all).
 * The cold index is always measured (the other parts use its store): `--rounds` interleaved rounds
 * of floor then cold index, each in a fresh process, medians.
 * Corpus: zod's sources, @types/node and TypeScript's lib .d.ts files, copied from node_modules.
 * Every figure is measured in this run next to its floor or peer.
 */
import { appendFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TriStore } from '../../src/tristore/index.js';
import type { Benchmark } from '../types.js';
import { builtTriStore } from '../lib/build.js';
import { timed } from '../lib/stats.js';
import { makeCorpus, percentile, sourceFiles, totalBytes } from './corpus.js';
import { measureCold } from './cold.js';
import { measureHybrid } from './hybrid.js';
import { measureContext } from './context.js';
import { measureRss } from './rss.js';
import { measureTypes } from './types.js';

const PARTS = ['cold', 'reindex', 'types', 'queries', 'hybrid', 'context', 'rss'] as const;
type Part = (typeof PARTS)[number];

async function sampleLatencies(count: number, work: (index: number) => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  const samples: number[] = [];
  for (let index = 0; index < count; index++) {
    const started = performance.now();
    await work(index);
    samples.push(performance.now() - started);
  }
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

const tristore: Benchmark = async ({ args, log }) => {
  const wanted = new Set<Part>(args.filter((arg): arg is Part => (PARTS as readonly string[]).includes(arg)));
  const run = (part: Part) => wanted.size === 0 || wanted.has(part);
  const figures: Record<string, unknown> = {};
  const verdicts: Record<string, boolean> = {};
  const root = await makeCorpus();
  const files = await sourceFiles(root);
  figures['corpus'] = { files: files.length, bytes: await totalBytes(files), sources: 'zod/src, @types/node, typescript/lib/*.d.ts (≤ 1 MiB each)' };
  log(`corpus: ${files.length} files in ${root}`);
  let store: TriStore | undefined;
  try {
    const rounds = Number(args.find((arg) => arg.startsWith('--rounds='))?.split('=')[1] ?? 3);
    const cold = await measureCold(root, rounds, log);
    figures['cold'] = cold;
    verdicts['cold'] = cold.symbolsPerSecond >= 5000 && cold.ratioToFloor <= 3;
    log(`cold index (median of ${rounds} interleaved rounds, each a fresh \`krepis index\` process, ${cold.processMs} ms in all): ${cold.ms} ms, ${cold.symbolsPerSecond} symbols/s; tree-sitter floor ${cold.floorMs} ms → ${cold.ratioToFloor}×`);
    // The queries run in this process on the built modules, as `krepis` runs them.
    const built = await builtTriStore(log);
    store = await built.openTriStore(await built.resolveConfig({ cwd: root, env: {} }));

    if (run('reindex')) {
      const target = files.find((file) => file.includes('/zod/') && file.endsWith('.ts')) ?? files[0] ?? '';
      await appendFile(target, '\nexport function benchEdited(value: number): number { return value * 2; }\n');
      const full = await timed(() => (store as TriStore).update());
      await appendFile(target, '\nexport function benchEditedAgain(value: number): number { return value * 3; }\n');
      const hinted = await timed(() => (store as TriStore).update({ files: [target] }));
      figures['reindex'] = { fullScanMs: Math.round(full.ms), withFilesHintMs: Math.round(hinted.ms), parsed: full.value.files.parsed, file: path.relative(root, target) };
      verdicts['reindex'] = full.ms <= 300;
      log(`re-index after a one-file edit: ${Math.round(full.ms)} ms (full scan), ${Math.round(hinted.ms)} ms (files hint)`);
    }

    // Before the queries: it measures the lazy type pass on a store no query has touched yet.
    if (run('types')) figures['types'] = await measureTypes(store, root, built, log);

    if (run('queries')) {
      const names: string[] = [];
      for (const letter of 'abcdefghijklmnopqrstuvwxyz') names.push(...(await store.lookup(letter, { prefix: true })).map((symbol) => symbol.name));
      const pool = names.length > 0 ? names : ['ZodType'];
      const lookup = await sampleLatencies(2000, (index) => (store as TriStore).lookup(pool[(index * 7919) % pool.length] ?? 'ZodType'));
      const ids = await store.lookup('parse');
      const starts = [...ids, ...(await store.lookup('ZodType')), ...(await store.lookup('Buffer'))].map((symbol) => symbol.id);
      const coldHop = await sampleLatencies(500, (index) => (store as TriStore).dependencies(starts[index % starts.length] ?? 'ZodType', 2));
      log(`  first pass over a freshly opened store: 2-hop p50 ${coldHop.p50.toFixed(2)} ms, p99 ${coldHop.p99.toFixed(2)} ms`);
      const twoHop = await sampleLatencies(500, (index) => (store as TriStore).dependencies(starts[index % starts.length] ?? 'ZodType', 2));
      figures['queries'] = { lookupP50Ms: +lookup.p50.toFixed(3), lookupP99Ms: +lookup.p99.toFixed(3), twoHopP50Ms: +twoHop.p50.toFixed(2), twoHopP99Ms: +twoHop.p99.toFixed(2), twoHopStarts: starts.length };
      verdicts['queries'] = lookup.p99 <= 1 && twoHop.p99 <= 10;
      log(`lookup p99 ${lookup.p99.toFixed(3)} ms; 2-hop graph query p99 ${twoHop.p99.toFixed(2)} ms`);
    }

    if (run('context')) {
      const context = await measureContext(store, root);
      figures['context'] = context;
      verdicts['context'] = context.ratio <= 0.15;
      log(`lazy context: ${context.lazyTokens} tokens vs ${context.wholeFileTokens} for the whole files (${(context.ratio * 100).toFixed(1)}%)`);
    }
    await store.close();
    store = undefined;

    if (run('hybrid')) {
      const hybrid = await measureHybrid(root, log);
      figures['hybrid'] = hybrid;
      verdicts['hybrid'] = hybrid.p99Ms <= 10;
      log(`hybrid top-10 at ${hybrid.chunks} chunks: p99 ${hybrid.p99Ms} ms (lexical only p99 ${hybrid.lexicalP99Ms} ms, dense only p99 ${hybrid.denseP99Ms} ms)`);
    }

    if (run('rss')) {
      const rss = await measureRss(root, log);
      figures['rss'] = rss;
      verdicts['rss'] = rss.maxRssMiB <= 1536;
      log(`5,000-file project: peak RSS ${rss.maxRssMiB} MiB, ${rss.symbols} symbols in ${rss.ms} ms`);
    }
  } finally {
    await store?.close();
    await rm(root, { recursive: true, force: true, maxRetries: 10 });
  }
  const cold = figures['cold'] as { symbolsPerSecond: number; ratioToFloor: number };
  return {
    summary: `tristore: cold ${cold.symbolsPerSecond} symbols/s (${cold.ratioToFloor}× the tree-sitter floor); ${Object.entries(verdicts).map(([name, ok]) => `${name} ${ok ? 'pass' : 'FAIL'}`).join(', ')}`,
    figures: { ...figures, verdicts },
    pass: Object.values(verdicts).every(Boolean),
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version, totalMemGiB: Math.round(os.totalmem() / 2 ** 30) },
  };
};

export default tristore;
