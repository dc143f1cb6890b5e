import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureTinyGguf } from '../../../models/tinyGguf.js';
import { krepis } from '../../../test/cliHarness.js';

const dir = mkdtempSync(path.join(tmpdir(), 'krepis-model-cli-'));
const env = { KREPIS_MODELS_DIR: path.join(dir, 'models') };

describe('krepis model and doctor', () => {
  it('model list --json shows the catalog, what is present, and one recommendation', async () => {
    const run = await krepis(['--cwd', dir, '--json', 'model', 'list'], env);
    expect(run.code).toBe(0);
    const report = run.json<{ dir: string; models: { alias: string; present: boolean; recommended: boolean }[] }>();
    expect(report.dir).toBe(env.KREPIS_MODELS_DIR);
    expect(report.models.length).toBeGreaterThanOrEqual(4);
    expect(report.models.filter((model) => model.recommended)).toHaveLength(1);
    expect(report.models.every((model) => !model.present)).toBe(true);
  });

  it('model info --json inspects a GGUF; a non-GGUF is a usage error with a hint', async () => {
    const file = await ensureTinyGguf();
    const run = await krepis(['--cwd', dir, '--json', 'model', 'info', file], env);
    expect(run.code).toBe(0);
    expect(run.json()).toMatchObject({ architecture: 'llama', quantization: 'F32', trainedContext: 4096, backend: expect.any(String) });
    const text = path.join(dir, 'notes.gguf');
    writeFileSync(text, 'not a model');
    const bad = await krepis(['--cwd', dir, 'model', 'info', text], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('KREPIS_MODEL_NOT_GGUF');
    expect(bad.stderr).toContain(text);
  });

  it('model pull of an unknown alias is a usage error; an unresolvable host fails at once, saying where to put a GGUF', async () => {
    const unknown = await krepis(['--cwd', dir, 'model', 'pull', 'gpt-17'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('KREPIS_MODEL_UNKNOWN_ALIAS');
    const offline = await krepis(['--cwd', dir, '--json', 'model', 'pull', 'https://models.krepis.invalid/x.gguf'], env);
    expect(offline.code).toBe(3);
    expect(offline.stderr + offline.stdout).toContain('model.path');
  });

  it('doctor --json reports the backend and the configured model with a fix for each problem', async () => {
    const ok = await krepis(['--cwd', dir, '--json', 'doctor'], { ...env, KREPIS_MODEL_PATH: await ensureTinyGguf() });
    const report = ok.json<{ checks: { name: string; status: string; fix?: string; data?: Record<string, unknown> }[] }>();
    const byName = new Map(report.checks.map((check) => [check.name, check]));
    expect(['cuda', 'vulkan', 'metal', 'cpu']).toContain(byName.get('backend')?.data?.backend);
    expect(byName.get('model')).toMatchObject({ status: 'ok', data: { architecture: 'llama', quantization: 'F32' } });
    expect(byName.get('context')).toMatchObject({ status: 'warn', fix: expect.stringContaining('4096') });
    expect(byName.has('vram')).toBe(true);

    const missing = await krepis(['--cwd', dir, '--json', 'doctor'], { ...env, KREPIS_MODEL_PATH: 'missing.gguf' });
    expect(missing.code).toBe(3);
    const model = missing.json<{ checks: { name: string; status: string; fix?: string }[] }>().checks.find((check) => check.name === 'model');
    expect(model).toMatchObject({ status: 'fail', fix: expect.stringContaining('krepis model pull') });
  });
});
