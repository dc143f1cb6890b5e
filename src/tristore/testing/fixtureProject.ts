import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resolveConfig, type ResolvedConfig } from '../../config/index.js';

/** A small project written to a temp dir, for tests of the whole Tri-Store. */
export const FIXTURE_FILES: Record<string, string> = {
  'src/math.ts': `/**
 * Adds two numbers.
 * @param a - first
 * @returns the sum
 * @invariant add(a, b) === add(b, a)
 */
export function add(a: number, b: number): number {
  return a + b;
}

export function mul(a: number, b: number): number {
  let total = 0;
  for (let i = 0; i < b; i++) total = add(total, a);
  return total;
}
`,
  'src/calc.ts': `import { add, mul } from './math.js';

/** A calculator that remembers its last result. */
export class Calculator {
  last = 0;
  /** Adds to the last result. */
  plus(x: number): number {
    this.last = add(this.last, x);
    return this.last;
  }
  times(x: number): number {
    this.last = mul(this.last, x);
    return this.last;
  }
}
`,
  'src/index.ts': `export * from './calc.js';\nexport { add, mul } from './math.js';\n`,
  'test/calc.test.ts': `import { Calculator } from '../src/calc.js';\nimport { it, expect } from 'vitest';\n\nit('adds', () => {\n  expect(new Calculator().plus(2)).toBe(2);\n});\n`,
  'test/math.test.ts': `import { mul } from '../src/index.js';\nimport { it, expect } from 'vitest';\n\nit('multiplies', () => {\n  expect(mul(2, 3)).toBe(6);\n});\n`,
};

export interface FixtureProject {
  root: string;
  config: ResolvedConfig;
  write(file: string, text: string | Buffer): Promise<void>;
  remove(file: string): Promise<void>;
  dispose(): Promise<void>;
}

export async function createFixtureProject(files: Record<string, string> = FIXTURE_FILES, config: Record<string, unknown> = {}): Promise<FixtureProject> {
  const root = await mkdtemp(path.join(tmpdir(), 'krepis-project-'));
  const write = async (file: string, text: string | Buffer) => {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  };
  for (const [file, text] of Object.entries(files)) await write(file, text);
  return {
    root,
    config: await resolveConfig({ cwd: root, env: {}, overrides: config }),
    write,
    remove: (file) => rm(path.join(root, file), { force: true }),
    // The embedded graph engine may still be flushing right after close: retry.
    dispose: () => rm(root, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 }).catch(() => undefined) /* the embedded graph engine may still be flushing after close(); a leftover temp folder is harmless */,
  };
}
