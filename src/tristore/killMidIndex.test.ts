import { spawn } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { openTriStore } from './index.js';
import { createFixtureProject, type FixtureProject } from './testing/fixtureProject.js';

const FILES = 120;
const child = fileURLToPath(new URL('./testing/indexChild.ts', import.meta.url));

/** 120 files of 8 functions, each calling into the previous file. */
function generatedProject(): Record<string, string> {
  const files: Record<string, string> = {};
  for (let file = 0; file < FILES; file++) {
    const previous = file > 0 ? `import { f${file - 1}_0 } from './m${file - 1}.js';\n` : '';
    const functions = Array.from({ length: 8 }, (_, index) => `/** Function ${index} of module ${file}. */\nexport function f${file}_${index}(x: number): number { return ${file > 0 && index === 0 ? `f${file - 1}_0(x)` : 'x'} + ${index}; }`);
    files[`src/m${file}.ts`] = `${previous}${functions.join('\n')}\n`;
  }
  return files;
}

/** Runs the child until it reports `killAt` files written to the symbol index, then SIGKILLs it. */
function indexAndKill(root: string, killAt: number): Promise<{ killed: boolean; finished: boolean }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'jiti/register', child, root], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
    let buffered = '';
    let finished = false;
    proc.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const event = JSON.parse(line) as { phase: string; done?: number };
        if (event.phase === 'finished') finished = true;
        if (event.phase === 'link' && (event.done ?? 0) >= killAt) proc.kill('SIGKILL');
      }
    });
    proc.on('error', reject);
    proc.on('exit', (_code, signal) => resolve({ killed: signal === 'SIGKILL', finished }));
  });
}

const cleanup: (FixtureProject | string)[] = [];
afterAll(async () => Promise.all(cleanup.map((item) => (typeof item === 'string' ? rm(item, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 }).catch(() => undefined) : item.dispose()))));

it('a run killed mid-index leaves a consistent store that the next run completes', async () => {
  const project = await createFixtureProject(generatedProject());
  cleanup.push(project);
  const pristine = await mkdtemp(path.join(tmpdir(), 'krepis-pristine-'));
  cleanup.push(pristine);
  await cp(project.root, pristine, { recursive: true });

  const outcome = await indexAndKill(project.root, FILES / 3);
  expect(outcome).toEqual({ killed: true, finished: false });

  const resumed = await openTriStore(project.config);
  const report = await resumed.update();
  expect(report.files.total).toBe(FILES);
  // Files written before the kill are still marked dirty (graph and vectors not caught up): all are redone.
  expect(report.files.parsed).toBe(FILES);
  const fresh = await openTriStore({ ...project.config, root: pristine });
  const freshReport = await fresh.update();
  try {
    expect({ symbols: report.symbols, edges: report.edges, vectors: report.vectors }).toEqual({ symbols: freshReport.symbols, edges: freshReport.edges, vectors: freshReport.vectors });
    for (const name of ['f0_0', 'f60_0', 'f119_7']) expect((await resumed.lookup(name)).map((symbol) => symbol.id)).toEqual((await fresh.lookup(name)).map((symbol) => symbol.id));
    expect((await resumed.dependents('f60_0', 3)).map((node) => node.id)).toEqual((await fresh.dependents('f60_0', 3)).map((node) => node.id));
    expect((await resumed.update()).files.parsed).toBe(0);
  } finally {
    await resumed.close();
    await fresh.close();
  }
}, 150_000);
