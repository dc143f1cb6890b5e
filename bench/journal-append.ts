/**
 * `npm run bench -- journal-append [--records=200000] [--concurrency=10000]`: appends to a
 * file-backed Journal (CRC32 frames, group commit, fdatasync per batch) vs the floor: the same
 * bytes written raw with one fdatasync per batch, and vs one fsync per append.
 * Target: ≥ 100,000 appends/s.
 */
import { mkdtemp, open, rm } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { FileJournalStore, Journal } from '@krepis/kernel';
import type { Benchmark } from './types.js';

const flag = (args: readonly string[], name: string, fallback: number) => Number(args.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const payload = new TextEncoder().encode(JSON.stringify({ type: 'order.created', id: 123456, amount: 4999, currency: 'EUR', at: '2026-01-01T00:00:00Z' }));

async function journalRun(dir: string, records: number, concurrency: number) {
  const store = new FileJournalStore(dir);
  let syncs = 0;
  const sync = store.sync.bind(store);
  store.sync = (log) => ((syncs++), sync(log));
  const journal = await Journal.open(store, 'tenants/acme/events');
  const started = performance.now();
  for (let done = 0; done < records; done += concurrency) {
    await Promise.all(Array.from({ length: Math.min(concurrency, records - done) }, (_, i) => journal.append(i % 2 ? 'acme' : 'globex', payload)));
  }
  const seconds = (performance.now() - started) / 1000;
  await store.close();
  return { appendsPerSec: Math.round(records / seconds), syncs, appendsPerSync: Math.round(records / syncs), seconds };
}

async function rawRun(dir: string, records: number, batch: number, frameBytes: number) {
  const handle = await open(path.join(dir, 'raw.log'), 'a');
  const buffer = Buffer.alloc(frameBytes * batch, 7);
  const started = performance.now();
  for (let done = 0; done < records; done += batch) {
    await handle.write(buffer);
    await handle.datasync();
  }
  const seconds = (performance.now() - started) / 1000;
  await handle.close();
  return { appendsPerSec: Math.round(records / seconds), seconds };
}

async function fsyncEachRun(dir: string, records: number) {
  const store = new FileJournalStore(dir);
  const journal = await Journal.open(store, 'one-by-one');
  const started = performance.now();
  for (let i = 0; i < records; i++) await journal.append('acme', payload);
  const seconds = (performance.now() - started) / 1000;
  await store.close();
  return { appendsPerSec: Math.round(records / seconds) };
}

const bench: Benchmark = async ({ args, log }) => {
  const records = flag(args, 'records', 200_000);
  const concurrency = flag(args, 'concurrency', 10_000);
  const dir = await mkdtemp(path.join(process.cwd(), '.bench-tmp-journal-'));
  try {
    const ours = await journalRun(dir, records, concurrency);
    log(`journal: ${ours.appendsPerSec} appends/s, ${ours.syncs} fsyncs (${ours.appendsPerSync} appends each)`);
    const frameBytes = payload.length + 4 + 15 + 4 + 4;
    const raw = await rawRun(dir, records, ours.appendsPerSync, frameBytes);
    log(`raw write+fdatasync of the same batches: ${raw.appendsPerSec} appends/s`);
    const single = await fsyncEachRun(dir, 500);
    log(`one fsync per append: ${single.appendsPerSec} appends/s`);
    const ratio = Math.round((ours.appendsPerSec / raw.appendsPerSec) * 100) / 100;
    return {
      summary: `journal ${ours.appendsPerSec} appends/s (${ours.syncs} fsyncs for ${records}) = ${ratio}× raw write+fdatasync, ${Math.round(ours.appendsPerSec / single.appendsPerSec)}× fsync-per-append; target ≥ 100000 ${ours.appendsPerSec >= 100_000 ? 'PASS' : 'FAIL'}`,
      figures: { records, concurrency, journal: ours, raw, fsyncPerAppend: single, ratioToRaw: ratio },
      pass: ours.appendsPerSec >= 100_000,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

export default bench;
