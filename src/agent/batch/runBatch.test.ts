import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { krepis } from '../../../test/cliHarness.js';
import { resolveConfig } from '../../config/index.js';
import { createRecordingRuntime, createReplayRuntime, type GenerateRequest } from '../../model/index.js';
import { agentProject } from './test/agentProject.js';
import { documentSymbol as documentSymbolOf, UNDOCUMENTED } from './test/documenter.js';
import { createJob, parseJobSpec, runBatch, storeDirOf } from './index.js';

const FILES = UNDOCUMENTED;
const documentSymbol = (request: GenerateRequest): string => documentSymbolOf(request.messages);

describe('batch jobs with the agent', () => {
  it('documents every exported function without JSDoc, verified, on one shared runtime; the CLI replays it and applies', async () => {
    using project = agentProject(FILES);
    const git = (...args: string[]) => execFileSync('git', args, { cwd: project.root, env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
    git('init', '-q');
    git('add', 'src');
    git('commit', '-qm', 'init');
    const config = await resolveConfig({ cwd: project.root, env: {} });
    const spec = parseJobSpec({ instruction: 'Add a JSDoc comment', targets: { symbols: { files: 'src/*.ts', missingJsDoc: true } }, stages: ['syntax', 'types'], attempts: 1, concurrency: 3, apply: 'apply' });
    const transcript = path.join(project.root, 'answers.jsonl');
    const scripted = createReplayRuntime({ responses: Array.from({ length: 3 }, () => documentSymbol), parallelism: 3 });
    await using store = await createJob({ root: project.root, storeDir: storeDirOf(config), spec });
    const done = await runBatch(store, { config, runtime: createRecordingRuntime(scripted, transcript), index: false });
    expect(done.report.items.map((item) => [item.target, item.status])).toEqual([
      ['src/math.ts#add', 'applied'],
      ['src/text.ts#shout', 'applied'],
      ['src/text.ts#whisper', 'applied'],
    ]);
    expect(done.report.items[0]?.stages).toEqual([{ name: 'syntax', ok: true, issues: 0 }, { name: 'types', ok: true, issues: 0 }, { name: 'isolation', ok: true, issues: 0 }]);
    expect(done.report.items[0]?.diff).toEqual({ files: 1, additions: 1, deletions: 0 });
    const applied = project.read('src/math.ts');
    git('checkout', '--', 'src');

    // The same job from the CLI, its answers replayed from the transcript (same files, same prompts, same order: the lock keys serialize it)
    const job = path.join(project.root, 'job.json');
    await import('node:fs/promises').then((fs) => fs.writeFile(job, JSON.stringify({ instruction: 'Add a JSDoc comment', targets: { symbols: { files: 'src/*.ts', missingJsDoc: true } }, stages: ['syntax', 'types'], attempts: 1, apply: 'apply' })));
    const cli = await krepis(['--json', '--cwd', project.root, 'batch', 'job.json', '--replay', transcript, '--concurrency', '2', '--no-index']);
    expect(cli.code, cli.stdout.slice(0, 2000)).toBe(0);
    const result = cli.json<{ report: { counts: Record<string, number>; job: { id: string } } }>();
    expect(result.report.counts).toMatchObject({ applied: 3, failed: 0 });
    expect(await readFile(path.join(project.root, 'src/math.ts'), 'utf8')).toContain('/** add: documented by the batch. */\nexport function add');
    expect(await readFile(path.join(project.root, 'src/math.ts'), 'utf8')).toBe(applied);
    expect(await readFile(path.join(project.root, 'src/text.ts'), 'utf8')).toContain('/** whisper: documented by the batch. */\nexport const whisper');

    const status = await krepis(['--cwd', project.root, 'batch', 'status', result.report.job.id, '--markdown']);
    expect(status.stdout).toContain('| 0000003 | `src/text.ts#whisper` | applied | 1 | ✓ syntax, ✓ types, ✓ isolation | 1 files +1 −0 |');
  });

  it('gives usage errors for a malformed job file, a glob matching nothing and an unknown job', async () => {
    using project = agentProject({ 'src/a.ts': 'export const a = 1;\n', 'bad.yaml': 'instruction: x\ntargets: [\n', 'none.yaml': 'instruction: x\ntargets: { files: "lib/*.ts" }\n' });
    const bad = await krepis(['--cwd', project.root, 'batch', 'bad.yaml']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('KREPIS_BATCH_JOB_INVALID');
    const none = await krepis(['--json', '--cwd', project.root, 'batch', 'none.yaml']);
    expect(none.code).toBe(2);
    expect(none.json<{ error: { code: string } }>().error.code).toBe('KREPIS_BATCH_NO_TARGETS');
    const missing = await krepis(['--cwd', project.root, 'batch', 'status', 'nope']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('KREPIS_BATCH_JOB_NOT_FOUND');
    const flag = await krepis(['--cwd', project.root, 'rewrite', 'x', '--files', 'src/*.ts', '--apply', 'merge']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('expected one of report, apply, commit-per-item, branch');
    const noGit = await krepis(['--cwd', project.root, 'rewrite', 'add docs', '--files', 'src/*.ts', '--apply', 'commit-per-item']);
    expect(noGit.code).toBe(2);
    expect(noGit.stderr).toContain('KREPIS_BATCH_GIT');
    const nothing = await krepis(['--cwd', project.root, 'rewrite', 'add docs', '--files', 'lib/*.ts']);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('KREPIS_BATCH_NO_TARGETS');
  });
});
