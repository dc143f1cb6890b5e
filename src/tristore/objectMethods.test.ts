import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFile } from './ingest/parseFile.js';
import { createFixtureProject, type FixtureProject } from './testing/fixtureProject.js';
import { openTriStore, type TriStore } from './TriStore.js';

// The kernel's services are object literals returned by a factory: their methods are what
// generated code calls (`services.orders.create(…)`), so they are symbols like class methods.
const ORDERS = `interface Definition<Api> { name: string; create(): Api }
function defineService<Api>(name: string, create: () => Api): Definition<Api> {
  return { name, create };
}

export const ordersService = defineService('orders', () => ({
  /** Places an order. */
  async create(id: string): Promise<string> {
    return this.find(id);
  },
  find: (id: string): string => id,
  limits: { max: () => 10 },
  table: 3,
  'quoted-key': () => 1,
}));

export const helpers = Object.freeze({
  slug(text: string): string {
    return text.toLowerCase();
  },
} as const);

export const factory = function () {
  const local = { hidden() {} };
  return { built: () => local };
};
`;

const FILES: Record<string, string> = {
  'src/orders.ts': ORDERS,
  'src/app.ts': `import { helpers, ordersService } from './orders.js';

const api = ordersService.create();

export function place(id: string): Promise<string> {
  return api.create(helpers.slug(id));
}

export function limit(): number {
  return api.limits.max();
}
`,
  'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022' } }),
};

const ids = (nodes: readonly { id: string }[]) => nodes.map((node) => node.id).sort();

describe('methods of object literals held by variables', () => {
  it('are indexed as `variable.method`, nested keys included; data properties and locals are not', () => {
    const parsed = parseFile('src/orders.ts', ORDERS);
    const names = parsed.symbols.map((symbol) => symbol.qualifiedName);
    expect(names).toEqual(['Definition', 'Definition.name', 'Definition.create', 'defineService', 'ordersService', 'ordersService.create', 'ordersService.find', 'ordersService.limits.max', 'helpers', 'helpers.slug', 'factory', 'factory.built']);
    const create = parsed.symbols.find((symbol) => symbol.qualifiedName === 'ordersService.create');
    expect(create).toMatchObject({ kind: 'method', exported: true, signature: 'async create(id: string): Promise<string>', doc: { summary: 'Places an order.' }, range: { startLine: 8, endLine: 10 } });
    expect(parsed.symbols.find((symbol) => symbol.qualifiedName === 'ordersService.find')?.signature).toBe('find: (id: string): string =>');
    // `this.find` inside a method of the literal is the literal's own method.
    expect(parsed.references).toContainEqual({ from: 'ordersService.create', name: 'find', kind: 'calls', through: 'this' });
  });

  describe('in the graph', () => {
    let project: FixtureProject;
    let store: TriStore;
    beforeAll(async () => {
      project = await createFixtureProject(FILES);
      store = await openTriStore(project.config);
      await store.update();
    });
    afterAll(async () => {
      await store.close();
      await project.dispose();
    });

    it('links `imported.method()` and `this.method()` without the type checker', async () => {
      const edges = await store.internals.graph.neighborhood([{ type: 'symbol', id: 'src/app.ts#place' }, { type: 'symbol', id: 'src/orders.ts#ordersService.create' }], ['calls'], 1);
      const calls = edges.filter((edge) => edge.kind === 'calls').map((edge) => `${edge.from.id} -> ${edge.to.id}`);
      expect(calls).toContain('src/app.ts#place -> src/orders.ts#helpers.slug');
      expect(calls).toContain('src/orders.ts#ordersService.create -> src/orders.ts#ordersService.find');
    });

    it('resolves calls through a factory-made API with the type checker, nested keys included', async () => {
      expect(ids(await store.dependencies('place'))).toEqual(['src/orders.ts#helpers.slug', 'src/orders.ts#ordersService.create']);
      expect(ids(await store.dependencies('limit'))).toEqual(['src/orders.ts#ordersService.limits.max']);
      expect(ids(await store.dependents('ordersService.find'))).toEqual(['src/orders.ts#ordersService.create']);
    });

    it('shows a variable in caller mode with the methods of the literal it holds, once', async () => {
      const context = await store.assembleContext('use the orders service', { budget: 2000, focusSymbols: ['ordersService'] });
      const item = context.items.find((entry) => entry.symbol === 'src/orders.ts#ordersService');
      expect(item?.mode).toBe('caller');
      expect(item?.text).toContain('const ordersService\n// methods of the object literal it holds:\n  /**\n   * Places an order.\n   */\n  async create(id: string): Promise<string>;\n  find: (id: string): string =>;\n  limits.max: () =>;');
      expect(context.items.map((entry) => entry.symbol)).not.toContain('src/orders.ts#ordersService.find');
    });
  });
});
