import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KrepisError } from '../errors/index.js';
import { defaultConfig, resolveConfig } from './index.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'krepis-config-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
});

describe('resolveConfig', () => {
  it('returns the exported defaults when nothing is configured', async () => {
    const config = await resolveConfig({ cwd: dir, env: {} });
    expect(config.model).toEqual(defaultConfig.model);
    expect(config.sources).toEqual(['defaults', 'env']);
    expect(Object.isFrozen(config.model)).toBe(true);
  });

  it('merges file < env < flags, field by field', async () => {
    await writeFile(path.join(dir, 'krepis.config.json'), JSON.stringify({ model: { contextSize: 4096, temperature: 0.5 } }));
    const config = await resolveConfig({
      cwd: dir,
      env: { KREPIS_CONTEXT_SIZE: '2048', KREPIS_QDRANT_URL: 'http://localhost:6333', KREPIS_GPU: 'false' },
      overrides: { model: { seed: 7 } },
    });
    expect(config.model.contextSize).toBe(2048);
    expect(config.model.temperature).toBe(0.5);
    expect(config.model.seed).toBe(7);
    expect(config.model.gpu).toBe(false);
    expect(config.vectors.url).toBe('http://localhost:6333');
    expect(config.sources).toEqual(['defaults', 'krepis.config.json', 'env', 'flags']);
  });

  it('loads krepis.config.ts through jiti', async () => {
    await writeFile(path.join(dir, 'krepis.config.ts'), 'const n: number = 3;\nexport default { agent: { attempts: n } };\n');
    const config = await resolveConfig({ cwd: dir, env: {} });
    expect(config.agent.attempts).toBe(3);
  });

  it('reads package.json#krepis', async () => {
    await writeFile(path.join(dir, 'package.json'), JSON.stringify({ name: 'x', krepis: { index: { dir: '.cache/krepis' } } }));
    expect((await resolveConfig({ cwd: dir, env: {} })).index.dir).toBe('.cache/krepis');
  });

  it('names the file, the field and what was expected for an invalid config', async () => {
    await writeFile(path.join(dir, 'krepis.config.json'), JSON.stringify({ model: { contextSize: 'big', colour: 1 } }));
    const error = await resolveConfig({ cwd: dir, env: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KrepisError);
    const { code, message, kind } = error as KrepisError;
    expect(code).toBe('KREPIS_CONFIG_INVALID');
    expect(kind).toBe('usage');
    expect(message).toContain('krepis.config.json');
    expect(message).toContain('model.contextSize');
    expect(message).toContain('expected number');
    expect(message).toContain('"model.colour"');
  });

  it('blames the environment for a bad KREPIS_* value', async () => {
    await expect(resolveConfig({ cwd: dir, env: { KREPIS_ATTEMPTS: 'many' } })).rejects.toThrow(/in env: agent.attempts/);
  });

  it('rejects a missing --config file and unparsable JSON', async () => {
    await expect(resolveConfig({ cwd: dir, env: {}, configFile: 'nope.json' })).rejects.toMatchObject({ code: 'KREPIS_CONFIG_NOT_FOUND' });
    await writeFile(path.join(dir, 'krepis.config.json'), '{ nope');
    await expect(resolveConfig({ cwd: dir, env: {} })).rejects.toMatchObject({ code: 'KREPIS_CONFIG_UNREADABLE' });
  });
});
