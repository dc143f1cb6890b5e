import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MODULES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../node_modules');

/** Module `i` of the synthetic project: a type, a class and functions that use up to three earlier modules. */
export function moduleSource(index: number, variant = 0): string {
  const deps = [index - 1, Math.floor(index / 2), Math.floor(index / 3)].filter((dep, at, all) => dep >= 0 && dep < index && all.indexOf(dep) === at);
  const imports = deps.map((dep) => `import { compute${dep}, type Record${dep} } from './m${dep}.js';`).join('\n');
  const uses = deps.map((dep) => `compute${dep}({ id: input.id, value: input.value + ${dep}, tags: input.tags } satisfies Record${dep}).value`).join(' + ');
  return `${imports}

/** A record of module ${index}. */
export interface Record${index} {
  id: string;
  value: number;
  tags: readonly string[];
}

export class Store${index} {
  readonly #items = new Map<string, Record${index}>();
  put(record: Record${index}): void {
    this.#items.set(record.id, record);
  }
  get(id: string): Record${index} | undefined {
    return this.#items.get(id);
  }
  total(): number {
    return [...this.#items.values()].reduce((sum, record) => sum + record.value, 0);
  }
}

export function compute${index}(input: Record${index}): Record${index} {
  const value = ${uses || 'input.value'} + ${variant};
  return { ...input, value, tags: [...input.tags, 'm${index}'] };
}

export const label${index} = (record: Record${index}): string => \`\${record.id}:\${record.value.toFixed(2)}\`;
`;
}

export interface SyntheticProject extends Disposable {
  root: string;
  files: number;
}

/** A strict TypeScript project of `count` modules in a tree of imports, with node_modules linked. */
export function syntheticProject(count: number, extra: Record<string, string> = {}): SyntheticProject {
  const root = mkdtempSync(path.join(tmpdir(), 'krepis-bench-'));
  mkdirSync(path.join(root, 'src'));
  writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'bench-app', type: 'module' }));
  writeFileSync(path.join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: [] }, include: ['src'] }));
  for (let index = 0; index < count; index++) writeFileSync(path.join(root, 'src', `m${index}.ts`), moduleSource(index));
  for (const [rel, text] of Object.entries(extra)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  symlinkSync(MODULES, path.join(root, 'node_modules'), 'dir');
  return { root, files: count, [Symbol.dispose]: () => rmSync(root, { recursive: true, force: true }) };
}
