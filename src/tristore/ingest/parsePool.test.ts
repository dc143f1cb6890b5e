import { describe, expect, it } from 'vitest';
import { parseFile } from './parseFile.js';
import { ParsePool, WORKER_MIN_FILES } from './parsePool.js';

const files = Array.from({ length: WORKER_MIN_FILES + 9 }, (_, index) => ({
  path: `src/file${index}.${index % 3 === 0 ? 'tsx' : 'ts'}`,
  text: index === 5 ? 'export const broken = (;\n' : `/** Number ${index}. */\nexport function f${index}(a: Item${index}): number { return g(a) + ${index}; }\nexport class C${index} extends Base { m() { return this.n(); } }\n`,
}));

async function drain(pool: ParsePool, count: number): Promise<unknown[]> {
  const parsed: unknown[] = [];
  for (let index = 0; index < count; index++) parsed.push(await pool.next());
  return parsed;
}

describe('ParsePool', () => {
  it('parses on a worker thread exactly what parseFile gives inline, in order', async () => {
    const pool = new ParsePool(true).parse(files);
    try {
      expect(await drain(pool, files.length)).toEqual(files.map((file) => parseFile(file.path, file.text)));
      expect(pool.parsedOnWorker).toBe(files.length);
    } finally {
      await pool.close();
    }
  });

  it('goes on inline when the worker is gone mid-way, and parses small sets inline', async () => {
    const pool = new ParsePool(true).parse(files);
    const first = await drain(pool, 20);
    await pool.close();
    const rest = await drain(pool, files.length - 20);
    expect([...first, ...rest]).toEqual(files.map((file) => parseFile(file.path, file.text)));
    expect(pool.parsedOnWorker).toBeLessThan(files.length);
    const small = new ParsePool(true).parse(files.slice(0, 3));
    expect(await drain(small, 3)).toEqual(files.slice(0, 3).map((file) => parseFile(file.path, file.text)));
    expect(small.parsedOnWorker).toBe(0);
    await small.close();
  });

  it('parses at most four batches ahead of the caller (the sources and facts it copies stay bounded)', async () => {
    const many = Array.from({ length: WORKER_MIN_FILES * 4 }, (_, index) => ({ path: `src/many${index}.ts`, text: `export const v${index} = ${index};\n` }));
    const pool = new ParsePool(true).parse(many);
    try {
      const ahead = WORKER_MIN_FILES;
      for (let waited = 0; pool.parsedOnWorker < ahead && waited < 10_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(pool.parsedOnWorker).toBe(ahead);
      await drain(pool, 16);
      for (let waited = 0; pool.parsedOnWorker < ahead + 16 && waited < 10_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(pool.parsedOnWorker).toBe(ahead + 16);
    } finally {
      await pool.close();
    }
  });

  it('parses inline when told not to use a worker', async () => {
    const pool = new ParsePool(false).warm().parse(files);
    expect(await drain(pool, files.length)).toEqual(files.map((file) => parseFile(file.path, file.text)));
    expect(pool.parsedOnWorker).toBe(0);
  });
});
