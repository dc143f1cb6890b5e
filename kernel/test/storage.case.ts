import { describe, expect, it } from 'vitest';
import { checkStorage } from '../src/conformance/index.js';
import type { Storage } from '../src/index.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (value: Uint8Array | undefined) => (value ? new TextDecoder().decode(value) : undefined);

/** The one Storage suite, run against every adapter. */
export function storageCase(name: string, create: () => Storage | Promise<Storage>): void {
  describe(`Storage: ${name}`, () => {
    it('puts, gets, versions and deletes', async () => {
      const storage = await create();
      expect(await storage.put('acme', 'a', bytes('1'))).toEqual({ ok: true, version: 1 });
      expect(await storage.put('acme', 'a', bytes('2'))).toEqual({ ok: true, version: 2 });
      const got = await storage.get('acme', 'a');
      expect([text(got?.value), got?.version]).toEqual(['2', 2]);
      expect(await storage.delete('acme', 'a')).toEqual({ ok: true, version: 0 });
      expect(await storage.get('acme', 'a')).toBeUndefined();
    });

    it('compare-and-set refuses a stale version and create-only refuses an existing key', async () => {
      const storage = await create();
      await storage.put('acme', 'doc', bytes('v1'), { ifVersion: 0 });
      expect(await storage.put('acme', 'doc', bytes('again'), { ifVersion: 0 })).toEqual({ ok: false, reason: 'conflict', key: 'doc', currentVersion: 1 });
      expect((await storage.put('acme', 'doc', bytes('v2'), { ifVersion: 1 })).ok).toBe(true);
      expect((await storage.put('acme', 'doc', bytes('lost'), { ifVersion: 1 })).ok).toBe(false);
      expect(text((await storage.get('acme', 'doc'))?.value)).toBe('v2');
    });

    it('applies a batch atomically or not at all', async () => {
      const storage = await create();
      await storage.put('acme', 'x', bytes('x1'));
      const refused = await storage.batch('acme', [{ type: 'put', key: 'y', value: bytes('y1') }, { type: 'put', key: 'x', value: bytes('x2'), ifVersion: 7 }]);
      expect(refused.ok).toBe(false);
      expect(await storage.get('acme', 'y')).toBeUndefined();
      expect((await storage.batch('acme', [{ type: 'put', key: 'y', value: bytes('y1') }, { type: 'delete', key: 'x', ifVersion: 1 }])).ok).toBe(true);
      expect((await storage.list('acme')).map((entry) => entry.key)).toEqual(['y']);
    });

    it('lists in key order with prefix, after and limit', async () => {
      const storage = await create();
      for (const key of ['b/2', 'a/1', 'b/1', 'b/3', 'c']) await storage.put('acme', key, bytes(key));
      expect((await storage.list('acme', { prefix: 'b/' })).map((entry) => entry.key)).toEqual(['b/1', 'b/2', 'b/3']);
      expect((await storage.list('acme', { prefix: 'b/', after: 'b/1', limit: 1 })).map((entry) => entry.key)).toEqual(['b/2']);
    });

    it('never shows one tenant another tenant\'s data (property, random op sequences)', async () => {
      expect(await checkStorage(create, { runs: 25 })).toEqual({ ok: true });
    });
  });
}
