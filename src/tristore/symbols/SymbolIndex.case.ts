import { describe, expect, it } from 'vitest';
import type { SymbolRecord } from '../types.js';
import type { FileEntry, SymbolIndex } from './SymbolIndex.js';

export function symbol(file: string, qualifiedName: string, extra: Partial<SymbolRecord> = {}): SymbolRecord {
  const name = qualifiedName.slice(qualifiedName.lastIndexOf('.') + 1);
  return { id: `${file}#${qualifiedName}`, name, qualifiedName, kind: 'function', file, range: { startLine: 1, endLine: 1, start: 0, end: 1 }, signature: `function ${name}()`, exported: true, hash: 'h', ...extra };
}

export function entry(path: string, symbols: readonly SymbolRecord[], imports: FileEntry['imports'] = []): FileEntry {
  return { path, hash: `hash-of-${path}-${symbols.length}`, symbols: symbols.map((item) => item.id), imports, references: [], isTest: false, syntaxErrors: 0 };
}

/** The conformance suite every `SymbolIndex` adapter passes. `open` gives a fresh, empty index. */
export function describeSymbolIndex(name: string, open: () => Promise<SymbolIndex>): void {
  describe(`SymbolIndex conformance: ${name}`, () => {
    const withIndex = (test: (index: SymbolIndex) => Promise<void>) => async () => {
      const index = await open();
      try {
        await test(index);
      } finally {
        await index.close();
      }
    };

    it('finds symbols by exact name, id, and case-insensitive prefix', withIndex(async (index) => {
      const symbols = [symbol('a.ts', 'parseConfig'), symbol('a.ts', 'Parser'), symbol('a.ts', 'Parser.parse', { kind: 'method' })];
      await index.putFile(entry('a.ts', symbols), symbols);
      expect((await index.lookup('parseConfig')).map((item) => item.id)).toEqual(['a.ts#parseConfig']);
      expect((await index.lookup('parse')).map((item) => item.id)).toEqual(['a.ts#Parser.parse']);
      expect((await index.lookup('PARS', { prefix: true })).map((item) => item.id).sort()).toEqual(['a.ts#Parser', 'a.ts#Parser.parse', 'a.ts#parseConfig']);
      expect(index.get('a.ts#Parser')?.name).toBe('Parser');
      expect(index.get('a.ts#nothing')).toBeUndefined();
    }));

    it('replaces a file atomically: old symbols and names leave nothing behind', withIndex(async (index) => {
      await index.putFile(entry('a.ts', [symbol('a.ts', 'oldName')]), [symbol('a.ts', 'oldName')]);
      await index.putFile(entry('a.ts', [symbol('a.ts', 'newName')]), [symbol('a.ts', 'newName')]);
      expect(await index.lookup('oldName')).toEqual([]);
      expect(await index.lookup('old', { prefix: true })).toEqual([]);
      expect((await index.symbolsOf('a.ts')).map((item) => item.name)).toEqual(['newName']);
      expect((await index.fileHashes()).get('a.ts')).toEqual({ hash: 'hash-of-a.ts-1', symbols: 1 });
    }));

    it('keeps name lookups in step with writes made after the first lookup', withIndex(async (index) => {
      await index.putFile(entry('a.ts', [symbol('a.ts', 'parseConfig')]), [symbol('a.ts', 'parseConfig')]);
      expect((await index.lookup('parse', { prefix: true })).map((item) => item.id)).toEqual(['a.ts#parseConfig']);
      const parsers = [symbol('b.ts', 'Parser'), symbol('b.ts', 'Parser.parse', { kind: 'method' }), symbol('b.ts', 'format')];
      await index.putFile(entry('b.ts', parsers), parsers);
      expect((await index.lookup('PARSE', { prefix: true })).map((item) => item.id)).toEqual(['b.ts#Parser.parse', 'a.ts#parseConfig', 'b.ts#Parser']);
      expect((await index.lookup('par', { prefix: true, limit: 2 })).length).toBe(2);
      expect((await index.lookup('Parser')).map((item) => item.id)).toEqual(['b.ts#Parser']);
      await index.putFile(entry('b.ts', [symbol('b.ts', 'format')]), [symbol('b.ts', 'format')]);
      expect((await index.lookup('pars', { prefix: true })).map((item) => item.id)).toEqual(['a.ts#parseConfig']);
      expect(await index.lookup('Parser')).toEqual([]);
      await index.removeFile('a.ts');
      expect(await index.lookup('p', { prefix: true })).toEqual([]);
      expect((await index.lookup('F', { prefix: true })).map((item) => item.id)).toEqual(['b.ts#format']);
    }));

    it('removes a file, its symbols and its importer links', withIndex(async (index) => {
      await index.putFile(entry('lib.ts', [symbol('lib.ts', 'helper')]), [symbol('lib.ts', 'helper')]);
      await index.putFile(entry('app.ts', [], [{ specifier: './lib', bindings: [], reexport: false, target: 'lib.ts' }]), []);
      expect(await index.importersOf('lib.ts')).toEqual(['app.ts']);
      await index.removeFile('app.ts');
      expect(await index.importersOf('lib.ts')).toEqual([]);
      await index.removeFile('lib.ts');
      expect(await index.lookup('helper')).toEqual([]);
      expect([...(await index.fileHashes()).keys()]).toEqual([]);
      expect(await index.symbolCount()).toBe(0);
    }));

    it('marks written files dirty until cleared', withIndex(async (index) => {
      await index.putFile(entry('a.ts', []), []);
      await index.removeFile('gone.ts');
      expect((await index.dirtyFiles()).sort()).toEqual(['a.ts', 'gone.ts']);
      await index.clearDirty(['a.ts', 'gone.ts']);
      expect(await index.dirtyFiles()).toEqual([]);
    }));

    it('lists the files calling a name at member-call sites, and drops type-resolved marks on rewrite and relink', withIndex(async (index) => {
      const app = { ...entry('app.ts', []), references: [{ from: null, name: 'create', kind: 'calls' as const, through: 'orders', at: 10 }, { from: null, name: 'helper', kind: 'calls' as const }] };
      await index.putFile(app, []);
      await index.putFile(entry('lib.ts', []), []);
      expect(await index.filesCalling('create')).toEqual(['app.ts']);
      expect(await index.filesCalling('helper')).toEqual([]);
      await index.markTypeResolved([{ path: 'app.ts', hash: app.hash }, { path: 'lib.ts', hash: 'x' }]);
      expect(await index.typeResolved(['app.ts', 'lib.ts', 'none.ts'])).toEqual(new Map([['app.ts', app.hash], ['lib.ts', 'x']]));
      await index.relinkFile(app);
      expect(await index.typeResolved(['app.ts', 'lib.ts'])).toEqual(new Map([['lib.ts', 'x']]));
      expect(await index.filesCalling('create')).toEqual(['app.ts']);
      await index.markTypeResolved([{ path: 'app.ts', hash: app.hash }]);
      await index.putFile({ ...app, references: [] }, []);
      expect(await index.typeResolved(['app.ts'])).toEqual(new Map());
      expect(await index.filesCalling('create')).toEqual([]);
      await index.removeFile('lib.ts');
      expect(await index.typeResolved(['lib.ts'])).toEqual(new Map());
      await index.markTypeResolved([{ path: 'app.ts', hash: 'y' }]);
      await index.clearTypeResolved(['app.ts']);
      expect(await index.typeResolved(['app.ts'])).toEqual(new Map());
    }));

    it('keeps a shadow doc across re-indexing while the symbol has no JSDoc', withIndex(async (index) => {
      const plain = symbol('a.ts', 'run');
      await index.putFile(entry('a.ts', [plain]), [plain]);
      await index.setShadow(plain.id, { summary: 'Runs the job.', tags: ['io'] });
      await index.putFile(entry('a.ts', [plain]), [{ ...plain, hash: 'changed' }]);
      expect(index.get(plain.id)?.shadow).toEqual({ summary: 'Runs the job.', tags: ['io'] });
    }));
  });
}
