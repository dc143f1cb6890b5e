import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { krepis } from '../../../test/cliHarness.js';
import { createFixtureProject, type FixtureProject } from '../testing/fixtureProject.js';
import { openTriStore, type TriStore } from '../TriStore.js';
import type { TypeFactsReport } from '../types.js';
import { TypeFacts } from './TypeFacts.js';
import { typeProjectsCreated } from './TypeResolver.js';

const ORDERS = `export interface Repo {
  save(id: string): void;
}

export class OrderService {
  create(id: string): string {
    return id;
  }
  cancel(id: string): void {}
}

export class MemoryRepo implements Repo {
  save(id: string): void {}
}

export function makeService(): OrderService {
  return new OrderService();
}
`;

const FILES: Record<string, string> = {
  'src/orders.ts': ORDERS,
  'src/services.ts': `export { OrderService as Orders } from './orders.js';\n`,
  'src/app.ts': `import { makeService, type Repo } from './orders.js';
import type { Orders } from './services.js';

export class Checkout {
  constructor(
    private readonly orders: Orders,
    private readonly repo: Repo,
  ) {}

  place(id: string): void {
    this.orders.create(id);
    this.repo.save(id);
  }
}

export function cancelAll(orders: Orders, ids: string[]): void {
  ids.forEach((id) => orders.cancel(id));
}

export function quick(id: string): string {
  const service = makeService();
  return service.create(id);
}

export function loose(thing: any): void {
  thing.create('x');
}
`,
  'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022' } }),
};

const ids = (nodes: readonly { id: string }[]) => nodes.map((node) => node.id).sort();

let project: FixtureProject;
beforeAll(async () => {
  project = await createFixtureProject(FILES);
});
afterAll(async () => project.dispose());

describe('type-aware calls', () => {
  it('a cold `krepis index` creates no type-checker project; `--types` resolves every member call', async () => {
    const before = typeProjectsCreated();
    const cold = await krepis(['index', project.root, '--json']);
    expect(cold.code).toBe(0);
    expect(cold.json<{ types?: unknown }>().types).toBeUndefined();
    expect(typeProjectsCreated()).toBe(before);
    const eager = await krepis(['index', project.root, '--types', '--json']);
    expect(typeProjectsCreated()).toBe(before + 1);
    // place: this.orders.create, this.repo.save; cancelAll: ids.forEach (lib), orders.cancel; quick: service.create; loose: thing.create (any).
    expect(eager.json<{ types: TypeFactsReport }>().types).toMatchObject({ files: 1, sites: 6, resolved: 4, external: 1, unresolved: 1, stale: 0, edges: 4 });
    const again = await krepis(['index', project.root, '--types']);
    expect(again.stdout).toMatch(/types +0 of 0 member calls resolved in 0 files/);
  });

  describe('lazily, per query', () => {
    let store: TriStore;
    beforeAll(async () => {
      await project.write('src/orders.ts', `${ORDERS}\nexport const touched = 1;\n`);
      store = await openTriStore(project.config);
      await store.update();
    });
    afterAll(async () => store.close());

    it('resolves constructor-injected, re-exported, interface-typed, parameter and inferred receivers; not `any`', async () => {
      expect(ids(await store.dependencies('Checkout.place'))).toEqual(['src/orders.ts#OrderService.create', 'src/orders.ts#Repo.save']);
      // `Orders` in its signature is a type reference to the re-exported class; the call resolves through the alias.
      expect(ids(await store.dependencies('cancelAll'))).toEqual(['src/orders.ts#OrderService', 'src/orders.ts#OrderService.cancel']);
      expect(ids(await store.dependencies('quick'))).toEqual(['src/orders.ts#OrderService.create', 'src/orders.ts#makeService']);
      expect(await store.dependencies('loose')).toEqual([]);
      // The interface member, not its implementations.
      expect(ids(await store.dependents('MemoryRepo.save'))).toEqual([]);
    });

    it('finds the callers of a method through the files that call its name', async () => {
      await project.write('src/app.ts', `${FILES['src/app.ts']}\n// edited\n`);
      await store.update();
      // A member whose callers exceed the limit is skipped (context seeds use one).
      const facts = new TypeFacts(project.root, store.internals.symbols, store.internals.graph);
      expect(await facts.ensureCallersOf(['src/orders.ts#OrderService.create'], { maxFiles: 0 })).toMatchObject({ files: 0, sites: 0 });
      // Only files that import the declaring file, directly or not, can hold a receiver of its types.
      expect(await facts.ensureCallersOf(['src/other.ts#Other.create'])).toMatchObject({ files: 0, sites: 0 });
      expect(ids(await store.dependents('OrderService.create'))).toEqual(['src/app.ts#Checkout.place', 'src/app.ts#quick']);
      expect(ids(await store.dependents('Repo.save'))).toEqual(['src/app.ts#Checkout.place']);
      const path = await store.path('Checkout.place', 'OrderService.create');
      expect(path).toEqual(['src/app.ts#Checkout.place', 'src/orders.ts#OrderService.create']);
    });

    it('leaves no stale edge when the callee is renamed, and picks up the new name once the caller follows', async () => {
      await project.write('src/orders.ts', ORDERS.replace('create(id', 'make(id'));
      await store.update();
      expect(await store.lookup('OrderService.create')).toEqual([]);
      expect(ids(await store.dependencies('Checkout.place'))).toEqual(['src/orders.ts#Repo.save']);
      await project.write('src/app.ts', FILES['src/app.ts']?.replaceAll('.create(', '.make(') ?? '');
      await store.update();
      expect(ids(await store.dependents('OrderService.make'))).toEqual(['src/app.ts#Checkout.place', 'src/app.ts#quick']);
      expect(ids(await store.dependencies('Checkout.place'))).toEqual(['src/orders.ts#OrderService.make', 'src/orders.ts#Repo.save']);
    });

    it('redoes an unchanged importer when a type it uses changes in the file it imports', async () => {
      expect(ids(await store.dependencies('quick'))).toEqual(['src/orders.ts#OrderService.make', 'src/orders.ts#makeService']);
      const fast = `${ORDERS.replace('create(id', 'make(id')}\nexport class FastOrders {\n  make(id: string): string {\n    return id;\n  }\n}\n`;
      await project.write('src/orders.ts', fast.replace('makeService(): OrderService {\n  return new OrderService();', 'makeService(): FastOrders {\n  return new FastOrders();'));
      await store.update();
      expect(ids(await store.dependencies('quick'))).toEqual(['src/orders.ts#FastOrders.make', 'src/orders.ts#makeService']);
      expect(ids(await store.dependencies('Checkout.place'))).toEqual(['src/orders.ts#OrderService.make', 'src/orders.ts#Repo.save']);
    });

    it('feeds type-resolved callees into the assembled context', async () => {
      const context = await store.assembleContext('change Checkout.place', { budget: 2000, implement: ['src/app.ts#Checkout.place'] });
      expect(context.items.map((item) => item.symbol)).toContain('src/orders.ts#OrderService');
    });
  });
});

describe('the eager pass under a heap budget', () => {
  it('drops the checker program between chunks once past the budget, and resolves the same calls', async () => {
    const more = `import { makeService } from './orders.js';\n\nexport function again(id: string): string {\n  return makeService().create(id);\n}\n`;
    const fixture = await createFixtureProject({ ...FILES, 'src/more.ts': more });
    const store = await openTriStore(fixture.config);
    try {
      await store.update();
      const facts = new TypeFacts(fixture.root, store.internals.symbols, store.internals.graph);
      const before = typeProjectsCreated();
      // Two files with member calls, one per chunk, and any heap is over budget: two programs.
      expect(await facts.ensureAll({ chunkFiles: 1, heapBudgetBytes: 0 })).toMatchObject({ files: 2, sites: 7, resolved: 5 });
      expect(typeProjectsCreated() - before).toBe(2);
      expect(ids(await store.dependents('OrderService.create'))).toEqual(['src/app.ts#Checkout.place', 'src/app.ts#quick', 'src/more.ts#again']);
    } finally {
      await store.close();
      await fixture.dispose();
    }
  });
});
