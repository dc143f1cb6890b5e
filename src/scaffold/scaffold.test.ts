import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { krepis } from '../../test/cliHarness.js';
import { verifyProject } from '../twin/index.js';
import { generate, initApp, listTemplates } from './index.js';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const kernelDir = path.resolve(import.meta.dirname, '../../kernel');
const tsc = require.resolve('typescript/bin/tsc');

/** Every template with the name it is generated under: one app holds them all (one tsc run). */
const PLAN: readonly [template: string, name: string][] = [
  ['crud', 'Order'], ['auth', 'Account'], ['websocket', 'Chat'], ['queue', 'Email'], ['cron', 'Cleanup'], ['webhook', 'Stripe'], ['upload', 'Document'],
  ['tenant-admin', 'Tenants'], ['health-metrics', 'Ops'], ['graphql', 'Catalog'], ['service', 'Billing'], ['controller', 'Reports'], ['model', 'Invoice'],
];

function newestMtime(dir: string): number {
  return Math.max(...readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => statSync(path.join(entry.parentPath, entry.name)).mtimeMs));
}

let root: string;
beforeAll(async () => {
  // Apps import the kernel's build: rebuild it when its sources are newer.
  const built = path.join(kernelDir, 'dist', 'index.js');
  if (!existsSync(built) || newestMtime(path.join(kernelDir, 'src')) > statSync(built).mtimeMs) await run(process.execPath, [tsc, '-p', path.join(kernelDir, 'tsconfig.build.json')]);
  root = path.join(await mkdtemp(path.join(tmpdir(), 'krepis-scaffold-')), 'shop');
});
afterAll(() => rm(path.dirname(root), { recursive: true, force: true, maxRetries: 20, retryDelay: 100 }));

describe('krepis init + generate', () => {
  it('ships at least 10 templates, each planned here', async () => {
    const names = (await listTemplates()).map((info) => info.name);
    expect(names.length).toBeGreaterThanOrEqual(13);
    expect([...names].sort()).toEqual(PLAN.map(([template]) => template).sort());
  });

  it('an app with every template type-checks and passes all its generated tests, offline', { timeout: 180_000 }, async () => {
    const init = await initApp(root);
    expect(init.linked['@krepis/kernel']).toBe(kernelDir);
    for (const [template, name] of PLAN) await generate(root, template, name);
    await run(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: root }).catch((error: { stdout?: string }) => {
      throw new Error(`generated app does not type-check:\n${error.stdout ?? String(error)}`);
    });
    const tests = (await readdir(path.join(root, 'dist', 'test'))).filter((file) => file.endsWith('.test.js'));
    expect(tests).toHaveLength(PLAN.length + 1);
    // One process for every test file keeps this fast; `npm test` in the app uses `node --test`.
    await writeFile(path.join(root, 'dist', 'test', 'all.mjs'), tests.map((file) => `import './${file}';\n`).join(''));
    const result = await run(process.execPath, [path.join(root, 'dist', 'test', 'all.mjs')], { cwd: root }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? String(error) }));
    expect(result.stdout).toMatch(/^# fail 0$/m);
    expect(Number(/^# pass (\d+)$/m.exec(result.stdout)?.[1])).toBeGreaterThanOrEqual(25);
  });

  it("every template's *.twin.ts scenario passes the twin", { timeout: 120_000 }, async () => {
    const report = await verifyProject(root, { budget: 40 });
    expect(report.scenarios.length).toBe(PLAN.length);
    expect(report.scenarios.filter((scenario) => !scenario.ok).map((scenario) => `${scenario.name}: ${scenario.violations[0]?.message}`)).toEqual([]);
  });

  it('krepis docs writes the OpenAPI document and TypeDoc HTML of that app', { timeout: 120_000 }, async () => {
    const docs = await krepis(['--json', '--cwd', root, 'docs']);
    expect([docs.code, docs.stdout.slice(0, 600)]).toEqual([0, expect.any(String)]);
    const document = JSON.parse(await readFile(path.join(root, 'docs', 'openapi.json'), 'utf8')) as { paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, { properties?: Record<string, unknown> }> } };
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/order', '/order/{id}', '/document/{name}', '/webhooks/stripe', '/catalog']));
    expect(Object.keys(document.paths['/order/{id}']!)).toEqual(['get', 'put', 'delete']);
    expect(Object.keys(document.components.schemas.OrderInput?.properties ?? {})).toEqual(['title', 'notes']);
    expect(existsSync(path.join(root, 'docs', 'api', 'index.html'))).toBe(true);
  });

  it('refuses bad input with stable codes (CLI, --json)', async () => {
    const unknown = await krepis(['--json', '--cwd', root, 'generate', 'nosuch', 'Thing']);
    expect([unknown.code, (unknown.json() as { error: { code: string } }).error.code]).toEqual([2, 'KREPIS_SCAFFOLD_UNKNOWN_TEMPLATE']);
    expect((await krepis(['--json', '--cwd', root, 'generate', 'crud', 'Order'])).stdout).toContain('KREPIS_SCAFFOLD_EXISTS');
    expect((await krepis(['--json', '--cwd', root, 'generate', 'crud', '9lives'])).stdout).toContain('KREPIS_SCAFFOLD_BAD_NAME');
    expect((await krepis(['--json', '--cwd', path.dirname(root), 'generate', 'crud', 'Order'])).stdout).toContain('KREPIS_SCAFFOLD_NOT_AN_APP');
    expect((await krepis(['--json', '--cwd', path.dirname(root), 'init', 'shop'])).stdout).toContain('KREPIS_SCAFFOLD_NOT_EMPTY');
    const list = await krepis(['--json', 'generate', '--list']);
    expect((list.json() as { templates: { name: string }[] }).templates.map((t) => t.name)).toContain('graphql');
  });
});
