import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { krepis } from '../../test/cliHarness.js';
import { verifyProject } from './index.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
let out: string;
beforeAll(async () => {
  out = await mkdtemp(path.join(tmpdir(), 'krepis-twin-'));
});
afterAll(async () => {
  await rm(out, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
});

describe('verifyProject', () => {
  it('finds the lost update in a *.twin.ts file, with a shrunk trace and a token that replays it', async () => {
    const report = await verifyProject(path.join(fixtures, 'bank'), { strategy: 'dpor', budget: 50 });
    expect(report.ok).toBe(false);
    const [violation] = report.violations;
    expect(violation?.kind).toBe('atomicity');
    expect(violation?.file).toBe('bank.twin.ts');
    expect(violation?.line).toBe(4);
    expect(violation?.trace.map((step) => step.op)).toContain('storage.put bank/alice');
    const replay = await krepis(['verify', path.join(fixtures, 'bank'), '--replay', violation?.replayToken ?? '', '--json']);
    expect(replay.code).toBe(1);
    const replayed = replay.json<{ violations: { kind: string; trace: unknown[] }[] }>();
    expect(replayed.violations[0]?.kind).toBe('atomicity');
    expect(replayed.violations[0]?.trace).toEqual(violation?.trace);
  });

  it('verifies the compare-and-set version clean, covering every schedule', async () => {
    const report = await verifyProject(path.join(fixtures, 'bank-fixed'), { strategy: 'exhaustive', budget: 5000 });
    expect(report.violations).toEqual([]);
    expect(report.scenarios[0]?.complete).toBe(true);
    expect(report.distinctStates).toBeGreaterThan(20);
  });

  it('virtualizes Date, setTimeout and Math.random in scenario code (a virtual day in milliseconds)', async () => {
    const report = await verifyProject(path.join(fixtures, 'globals'), { strategy: 'random', budget: 3 });
    expect(report.violations).toEqual([]);
    expect(report.virtualMs).toBe(24 * 3_600_000);
  });

  it('names an unvirtualized nondeterministic API', async () => {
    const report = await verifyProject(path.join(fixtures, 'nondeterministic'), { strategy: 'random', budget: 1 });
    expect(report.violations[0]?.kind).toBe('error');
    expect(report.violations[0]?.message).toContain('crypto.randomUUID');
  });
});

describe('krepis verify', () => {
  it('exits 1 and writes markdown, junit, badge and an HTML timeline', async () => {
    const files = ['report.md', 'report.xml', 'badge.svg', 'report.html'].map((name) => path.join(out, name));
    const run = await krepis(['verify', path.join(fixtures, 'bank'), '--strategy', 'random', '--budget', '20', '--markdown', files[0]!, '--junit', files[1]!, '--badge', files[2]!, '--html', files[3]!]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('[atomicity]');
    expect(run.stdout).toContain('krepis verify --replay kt2.');
    expect(await readFile(files[0]!, 'utf8')).toContain('### ❌ atomicity');
    expect(await readFile(files[1]!, 'utf8')).toContain('<failure type="atomicity"');
    expect(await readFile(files[2]!, 'utf8')).toContain('1 violation');
    const html = await readFile(files[3]!, 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('deposit#1');
  });

  it('exits 0 with --json on a clean project and 2 on a folder without scenarios', async () => {
    const clean = await krepis(['verify', path.join(fixtures, 'bank-fixed'), '--json', '--strategy', 'dpor']);
    expect(clean.code).toBe(0);
    expect(clean.json<{ ok: boolean }>().ok).toBe(true);
    const empty = await krepis(['verify', out]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('KREPIS_TWIN_NO_SCENARIOS');
    const bad = await krepis(['verify', path.join(fixtures, 'bank'), '--replay', 'nonsense']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('KREPIS_TWIN_BAD_REPLAY_TOKEN');
  });
});

describe('verifyProject with worker threads', () => {
  it('splits schedules across workers and merges states and violations', async () => {
    const report = await verifyProject(path.join(fixtures, 'bank'), { strategy: 'random', budget: 8, workers: 2, stopOnFirst: false });
    expect(report.scenarios[0]?.schedules).toBe(8);
    expect(report.violations[0]?.kind).toBe('atomicity');
    expect(report.distinctStates).toBeGreaterThan(10);
  });
});

describe('JSDoc invariants', () => {
  it('turns an @invariant tag on a service into an invariant checked after every step', async () => {
    const report = await verifyProject(path.join(fixtures, 'jsdoc'), { strategy: 'dpor', budget: 50, stopOnFirst: false });
    const tagged = report.violations.find((violation) => violation.kind === 'invariant');
    expect(tagged?.message).toContain('@invariant app.state.count <= 1 (counter.ts:5)');
  });
});

describe('bad scenario files', () => {
  it('names a file that does not parse or does not export a scenario (exit 2)', async () => {
    const broken = path.join(out, 'broken');
    await mkdir(broken, { recursive: true });
    await writeFile(path.join(broken, 'syntax.twin.ts'), 'export default defineScenario({ name: ');
    const run = await krepis(['verify', broken]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('KREPIS_TWIN_LOAD_FAILED');
    expect(run.stderr).toContain('syntax.twin.ts');
    await writeFile(path.join(broken, 'syntax.twin.ts'), 'export default { name: "not made by defineScenario" };');
    const wrong = await krepis(['verify', broken]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('KREPIS_TWIN_NOT_A_SCENARIO');
  });
});
