import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadJobSpec, parseJobSpec } from './jobSpec.js';
import { listSymbols, resolveTargets } from './resolveTargets.js';
import { tempProject } from './test/project.js';

const dir = await mkdtemp(path.join(tmpdir(), 'krepis-jobspec-'));
afterAll(() => rm(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 }));

async function file(name: string, text: string): Promise<string> {
  const full = path.join(dir, name);
  await writeFile(full, text);
  return full;
}

describe('job spec', () => {
  it('reads YAML and JSON with defaults filled in', async () => {
    const yaml = await loadJobSpec(await file('job.yaml', 'instruction: add JSDoc\ntargets:\n  files: "src/**/*.ts"\nconcurrency: 8\napply: commit-per-item\n'));
    expect(yaml).toMatchObject({ instruction: 'add JSDoc', targets: { files: 'src/**/*.ts' }, concurrency: 8, apply: 'commit-per-item', itemTimeoutMs: 600_000 });
    const json = await loadJobSpec(await file('job.json', JSON.stringify({ instruction: 'x', targets: { symbols: { files: ['a.ts'], missingJsDoc: true } } })));
    expect(json.targets).toEqual({ symbols: { files: ['a.ts'], kinds: ['function'], exported: true, missingJsDoc: true } });
    expect(json.apply).toBe('report');
  });

  it('names every bad field', () => {
    const error = (() => {
      try {
        parseJobSpec({ instruction: '', targets: { files: 'x' }, apply: 'merge', concurrency: 0, stages: ['typos'] });
      } catch (caught) {
        return caught as Error & { code: string; kind: string };
      }
      throw new Error('expected a failure');
    })();
    expect(error.code).toBe('KREPIS_BATCH_JOB_INVALID');
    expect(error.kind).toBe('usage');
    for (const field of ['instruction', 'apply', 'concurrency', 'stages.0']) expect(error.message).toContain(`${field}:`);
  });

  it('refuses a malformed file and a missing one with their own codes', async () => {
    await expect(loadJobSpec(await file('bad.yaml', 'instruction: [unclosed\n'))).rejects.toMatchObject({ code: 'KREPIS_BATCH_JOB_INVALID' });
    await expect(loadJobSpec(await file('bad.json', '{"instruction": '))).rejects.toMatchObject({ code: 'KREPIS_BATCH_JOB_INVALID', message: expect.stringContaining('not valid JSON') });
    await expect(loadJobSpec(path.join(dir, 'nope.yaml'))).rejects.toMatchObject({ code: 'KREPIS_BATCH_JOB_FILE_MISSING' });
    await expect(loadJobSpec(await file('unknown.yaml', 'instruction: x\ntargets: { files: a }\nmode: apply\n'))).rejects.toThrow(/mode/);
  });
});

describe('targets', () => {
  it('matches files by glob and refuses a glob that matches nothing', async () => {
    await using project = await tempProject(3);
    expect(await resolveTargets(project.root, { files: 'src/*.ts' })).toEqual(project.files.map((f) => ({ kind: 'file', file: f })));
    await expect(resolveTargets(project.root, { files: 'lib/**/*.ts' })).rejects.toMatchObject({ code: 'KREPIS_BATCH_NO_TARGETS', kind: 'usage' });
  });

  it('selects "every exported function without JSDoc"', async () => {
    const text = [
      '/** Documented. */',
      'export function documented() {}',
      'export function bare() {}',
      'function internal() {}',
      'export const arrow = () => 1;',
      '/** Doc. */',
      'export const docArrow = () => 2;',
      'export const value = 3;',
      'export class Box {}',
    ].join('\n');
    expect(listSymbols('a.ts', text).map((s) => `${s.name}:${s.kind}:${s.exported}:${s.hasJsDoc}`)).toEqual([
      'documented:function:true:true', 'bare:function:true:false', 'internal:function:false:false', 'arrow:function:true:false',
      'docArrow:function:true:true', 'value:variable:true:false', 'Box:class:true:false',
    ]);
    await using project = await tempProject(0);
    await writeFile(path.join(project.root, 'src/a.ts'), text);
    const query = parseJobSpec({ instruction: 'x', targets: { symbols: { files: 'src/*.ts', missingJsDoc: true } } }).targets;
    expect(await resolveTargets(project.root, query)).toEqual([
      { kind: 'symbol', file: 'src/a.ts', symbol: 'bare' },
      { kind: 'symbol', file: 'src/a.ts', symbol: 'arrow' },
    ]);
  });
});
