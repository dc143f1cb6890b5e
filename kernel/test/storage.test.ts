import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileJournalStore, JournalStorage, MemoryJournalStore, MemoryStorage, TenantStore } from '../src/index.js';
import { storageCase } from './storage.case.js';

const dirs: string[] = [];
const stores: FileJournalStore[] = [];
afterAll(async () => {
  await Promise.all(stores.map((store) => store.close()));
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});
const tempDir = async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'krepis-storage-'));
  dirs.push(dir);
  return dir;
};

storageCase('MemoryStorage', () => new MemoryStorage());
storageCase('JournalStorage over MemoryJournalStore', () => new JournalStorage(new MemoryJournalStore(), { compactEvery: 7 }));
storageCase('JournalStorage over FileJournalStore (fsync)', async () => {
  const store = new FileJournalStore(await tempDir());
  stores.push(store);
  return new JournalStorage(store, { compactEvery: 5 });
});

describe('JournalStorage durability', () => {
  it('keeps every acknowledged write across a reopen, including after compaction', async () => {
    const dir = await tempDir();
    const first = new FileJournalStore(dir);
    const storage = new JournalStorage(first, { compactEvery: 3 });
    for (let i = 0; i < 10; i++) await storage.put('acme', `k${i % 4}`, new TextEncoder().encode(`v${i}`));
    await storage.delete('acme', 'k0');
    await first.close();
    const second = new FileJournalStore(dir);
    stores.push(second);
    const reopened = new JournalStorage(second);
    expect((await reopened.list('acme')).map((entry) => [entry.key, new TextDecoder().decode(entry.value), entry.version])).toEqual([
      ['k1', 'v9', 3],
      ['k2', 'v6', 2],
      ['k3', 'v7', 2],
    ]);
  });

  it('after a crash keeps exactly the acknowledged writes (property over crash points)', async () => {
    for (let keep = 0; keep < 120; keep += 7) {
      const store = new MemoryJournalStore();
      const storage = new JournalStorage(store);
      const acknowledged: string[] = [];
      for (let i = 0; i < 5; i++) {
        await storage.put('acme', `k${i}`, new TextEncoder().encode(`v${i}`));
        acknowledged.push(`k${i}`);
      }
      void storage.put('acme', 'unacknowledged', new TextEncoder().encode('maybe'));
      store.crash(keep);
      const keys = (await new JournalStorage(store).list('acme')).map((entry) => entry.key);
      expect(keys.filter((key) => key !== 'unacknowledged')).toEqual(acknowledged);
    }
  });

  it('rejects tenant ids that could escape the data directory', async () => {
    const storage = new JournalStorage(new MemoryJournalStore());
    await expect(storage.get('../etc', 'passwd')).rejects.toMatchObject({ code: 'KREPIS_KERNEL_BAD_TENANT', status: 400 });
  });
});

describe('TenantStore', () => {
  it('scopes JSON documents to its tenant and validates keys', async () => {
    const storage = new MemoryStorage();
    const acme = new TenantStore(storage, 'acme');
    const globex = new TenantStore(storage, 'globex');
    await acme.put('todos/1', { title: 'secret' });
    expect(await globex.get('todos/1')).toBeUndefined();
    expect((await acme.get<{ title: string }>('todos/1'))?.value.title).toBe('secret');
    await expect(acme.get('../globex/todos/1')).rejects.toMatchObject({ code: 'KREPIS_KERNEL_BAD_KEY', status: 400 });
  });

  it('enforces the storage quota with a 507', async () => {
    const store = new TenantStore(new MemoryStorage(), 'acme', { storageBytes: 40 });
    await store.put('a', 'x'.repeat(20));
    await expect(store.put('b', 'y'.repeat(20))).rejects.toMatchObject({ code: 'KREPIS_KERNEL_QUOTA', status: 507 });
    await store.delete('a');
    await expect(store.put('b', 'y'.repeat(20))).resolves.toMatchObject({ ok: true });
  });

  it('update() retries compare-and-set under contention without losing increments', async () => {
    const store = new TenantStore(new MemoryStorage(), 'acme');
    await Promise.all(Array.from({ length: 5 }, () => store.update<number>('counter', (n) => (n ?? 0) + 1, 20)));
    expect((await store.get<number>('counter'))?.value).toBe(5);
  });
});
