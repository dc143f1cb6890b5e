import fc from 'fast-check';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { crc32, decodeRecords, encodeRecord, FileJournalStore, Journal, MemoryJournalStore, type JournalRecord } from '../src/index.js';

const recordArb = fc.record({ tenant: fc.constantFrom('acme', 'globex', 'initech'), payload: fc.uint8Array({ maxLength: 40 }) });
const frames = (records: readonly { tenant: string; payload: Uint8Array }[]) => records.map((record, index) => encodeRecord({ seq: index + 1, ...record }));
const concat = (parts: readonly Uint8Array[]) => new Uint8Array(Buffer.concat(parts));
const plain = (records: readonly JournalRecord[]) => records.map((record) => ({ seq: record.seq, tenant: record.tenant, payload: [...record.payload] }));

describe('journal record codec', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('a crash at any byte recovers exactly the records that were complete (property)', () => {
    fc.assert(
      fc.property(fc.array(recordArb, { minLength: 1, maxLength: 8 }), fc.nat(), (records, cutSeed) => {
        const encoded = frames(records);
        const log = concat(encoded);
        const cut = cutSeed % (log.length + 1);
        const decoded = decodeRecords(log.subarray(0, cut));
        let complete = 0;
        for (let end = 0; complete < encoded.length && end + encoded[complete]!.length <= cut; complete++) end += encoded[complete]!.length;
        expect(decoded.records.length).toBe(complete);
        expect(plain(decoded.records)).toEqual(plain(records.slice(0, complete).map((record, index) => ({ seq: index + 1, ...record }))));
        expect(decoded.validLength).toBe(encoded.slice(0, complete).reduce((sum, frame) => sum + frame.length, 0));
      }),
      { numRuns: 300 },
    );
  });

  it('a corrupted byte never yields a corrupt record: decoding stops before it (property)', () => {
    fc.assert(
      fc.property(fc.array(recordArb, { minLength: 1, maxLength: 6 }), fc.nat(), fc.integer({ min: 1, max: 255 }), (records, where, flip) => {
        const log = concat(frames(records));
        const index = where % log.length;
        const corrupt = log.slice();
        corrupt[index] = corrupt[index]! ^ flip;
        const decoded = decodeRecords(corrupt);
        expect(decoded.validLength).toBeLessThanOrEqual(index);
        expect(plain(decoded.records)).toEqual(plain(decodeRecords(log).records.slice(0, decoded.records.length)));
      }),
      { numRuns: 300 },
    );
  });
});

describe('Journal', () => {
  it('assigns gap-free sequence numbers and replays per tenant', async () => {
    const journal = await Journal.open(new MemoryJournalStore(), 'orders');
    const payload = (text: string) => new TextEncoder().encode(text);
    const seqs = await Promise.all([journal.append('acme', payload('a1')), journal.append('globex', payload('g1')), journal.append('acme', payload('a2'))]);
    expect(seqs).toEqual([1, 2, 3]);
    const seen: string[] = [];
    await journal.replay((record) => void seen.push(new TextDecoder().decode(record.payload)), { tenant: 'acme' });
    expect(seen).toEqual(['a1', 'a2']);
  });

  it('group-commits: many concurrent appends share few syncs', async () => {
    const store = new MemoryJournalStore();
    let syncs = 0;
    const sync = store.sync.bind(store);
    store.sync = async (log) => {
      syncs++;
      await sync(log);
    };
    const journal = await Journal.open(store, 'events');
    await Promise.all(Array.from({ length: 1000 }, (_, i) => journal.append('acme', new Uint8Array([i & 0xff]))));
    expect(journal.lastSeq).toBe(1000);
    expect(syncs).toBeLessThanOrEqual(2);
  });

  it('after a crash, reopening keeps every acknowledged append and cuts a torn tail (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(recordArb, { minLength: 1, maxLength: 10 }), fc.nat(200), async (records, keepUnsynced) => {
        const store = new MemoryJournalStore();
        const journal = await Journal.open(store, 'log');
        const acknowledged: number[] = [];
        for (const record of records.slice(0, -2)) acknowledged.push(await journal.append(record.tenant, record.payload));
        const last = records.slice(-2).map((record) => store.append('log', encodeRecord({ seq: journal.lastSeq + 1, ...record })));
        await Promise.all(last);
        store.crash(keepUnsynced);
        const reopened = await Journal.open(store, 'log');
        expect(reopened.lastSeq).toBeGreaterThanOrEqual(acknowledged.length);
        const replayed: number[] = [];
        await reopened.replay((record) => void replayed.push(record.seq));
        expect(replayed.slice(0, acknowledged.length)).toEqual(acknowledged);
        expect(await reopened.append('acme', new Uint8Array([1]))).toBe(reopened.lastSeq);
        expect(decodeRecords(await store.read('log')).validLength).toBe((await store.read('log')).length);
      }),
      { numRuns: 60 },
    );
  });

  it('snapshots and compacts, and recovers snapshot + remaining records', async () => {
    const store = new MemoryJournalStore();
    const journal = await Journal.open(store, 'counter');
    for (let i = 0; i < 5; i++) await journal.append('acme', new Uint8Array([i]));
    await journal.snapshot(new TextEncoder().encode('state@5'));
    await journal.append('acme', new Uint8Array([5]));
    expect(decodeRecords(await store.read('counter')).records.map((record) => record.seq)).toEqual([6]);
    const reopened = await Journal.open(store, 'counter');
    expect(new TextDecoder().decode((await reopened.loadSnapshot())?.state)).toBe('state@5');
    const after: number[] = [];
    await reopened.replay((record) => void after.push(record.seq));
    expect([reopened.recovery.snapshotSeq, after, reopened.lastSeq]).toEqual([5, [6], 6]);
  });

  it('recovers from a torn write in a real file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'krepis-journal-'));
    try {
      const store = new FileJournalStore(dir);
      const journal = await Journal.open(store, 'tenants/acme/log');
      await journal.append('acme', new TextEncoder().encode('kept'));
      const torn = encodeRecord({ seq: 2, tenant: 'acme', payload: new TextEncoder().encode('torn') });
      await store.append('tenants/acme/log', torn.subarray(0, torn.length - 3));
      await store.sync('tenants/acme/log');
      await store.close();
      const reopenedStore = new FileJournalStore(dir);
      const reopened = await Journal.open(reopenedStore, 'tenants/acme/log');
      expect(reopened.recovery).toEqual({ snapshotSeq: 0, records: 1, truncatedBytes: torn.length - 3 });
      expect(await reopened.append('acme', new Uint8Array([9]))).toBe(2);
      await reopenedStore.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses log names that escape the journal directory', async () => {
    const store = new FileJournalStore('/tmp/never-used');
    await expect(store.append('../escape', new Uint8Array([1]))).rejects.toMatchObject({ code: 'KREPIS_KERNEL_BAD_LOG' });
  });
});
