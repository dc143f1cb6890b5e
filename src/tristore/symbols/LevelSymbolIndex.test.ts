import { mkdtemp, rm, writeFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ClassicLevel } from 'classic-level';
import { afterAll, describe, expect, it } from 'vitest';
import { LevelSymbolIndex, SymbolStoreCorruptError } from './LevelSymbolIndex.js';
import { describeSymbolIndex, entry, symbol } from './SymbolIndex.case.js';

const dirs: string[] = [];
const freshDir = async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'krepis-symbols-'));
  dirs.push(dir);
  return dir;
};
afterAll(async () => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 }))));

describeSymbolIndex('LevelDB (classic-level)', async () => LevelSymbolIndex.open(path.join(await freshDir(), 'symbols')));

describe('LevelSymbolIndex', () => {
  it('refuses a store another process holds, without touching it', async () => {
    const location = path.join(await freshDir(), 'symbols');
    const holder = await LevelSymbolIndex.open(location);
    await expect(LevelSymbolIndex.open(location)).rejects.toMatchObject({ code: 'KREPIS_TRISTORE_STORE_UNAVAILABLE' });
    await holder.close();
    const reopened = await LevelSymbolIndex.open(location);
    await reopened.close();
  });

  it('reports a corrupted store as SymbolStoreCorruptError (the caller rebuilds it)', async () => {
    const location = path.join(await freshDir(), 'symbols');
    const index = await LevelSymbolIndex.open(location);
    await index.close();
    for (const file of await readdir(location)) if (file.startsWith('MANIFEST') || file === 'CURRENT') await writeFile(path.join(location, file), 'garbage');
    await expect(LevelSymbolIndex.open(location)).rejects.toBeInstanceOf(SymbolStoreCorruptError);
  });

  it('reports a store of a previous format (two name keys per symbol) as one to rebuild', async () => {
    const location = path.join(await freshDir(), 'symbols');
    const old = new ClassicLevel<string, unknown>(location, { valueEncoding: 'json' });
    await old.put('meta\u0000format', 'krepis-symbols-3');
    await old.close();
    await expect(LevelSymbolIndex.open(location)).rejects.toThrow(/store format "krepis-symbols-3" is not "krepis-symbols-4"/);
  });

  it('never answers a lookup from a record a write replaced (records are cached for lookups)', async () => {
    const index = await LevelSymbolIndex.open(path.join(await freshDir(), 'symbols'));
    try {
      const first = symbol('a.ts', 'parse', { signature: 'function parse()' });
      await index.putFile(entry('a.ts', [first]), [first]);
      expect((await index.lookup('parse'))[0]?.signature).toBe('function parse()');
      const second = symbol('a.ts', 'parse', { signature: 'function parse(text: string)' });
      await index.putFile(entry('a.ts', [second]), [second]);
      expect((await index.lookup('parse'))[0]?.signature).toBe('function parse(text: string)');
      await index.setShadow('a.ts#parse', { summary: 'Parses text.', tags: [] });
      expect(index.get('a.ts#parse')?.shadow?.summary).toBe('Parses text.');
      await index.removeFile('a.ts');
      expect(index.get('a.ts#parse')).toBeUndefined();
    } finally {
      await index.close();
    }
  });
});
