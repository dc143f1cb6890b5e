import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ensureTinyGguf } from '../../../models/tinyGguf.js';
import { defaultConfig } from '../../config/index.js';
import { findCatalogEntry, loadCatalog, recommendModel } from '../catalog/catalog.js';
import { fileNameForUri } from '../catalog/modelSource.js';
import { ensureModelAvailable } from './ensureModelAvailable.js';
import { pullModel } from './pullModel.js';

const dir = mkdtempSync(path.join(tmpdir(), 'krepis-models-'));
const configWith = (model: Partial<typeof defaultConfig.model>) => ({ root: dir, model: { ...defaultConfig.model, dir, ...model } });
const never = vi.fn(async (_question: string) => false);

describe('catalog', () => {
  it('recommends by GPU memory tier', () => {
    expect(recommendModel(undefined).alias).toBe('qwen2.5-coder-1.5b');
    expect(recommendModel(8 * 1024 ** 3).alias).toBe('qwen2.5-coder-7b');
    expect(recommendModel(16 * 1024 ** 3).alias).toBe('qwen2.5-coder-14b');
    expect(loadCatalog().some((entry) => entry.kind === 'embedding')).toBe(true);
  });

  it('names downloaded files predictably', () => {
    expect(fileNameForUri('hf:bartowski/Qwen2.5-Coder-7B-Instruct-GGUF:Q4_K_M')).toBe('Qwen2.5-Coder-7B-Instruct-Q4_K_M.gguf');
    expect(fileNameForUri('https://example.com/models/tiny.gguf?download=1')).toBe('tiny.gguf');
  });
});

describe('ensureModelAvailable', () => {
  it('returns an existing GGUF without asking', async () => {
    const file = await ensureTinyGguf();
    const result = await ensureModelAvailable(configWith({ path: file }), { confirm: never, yes: false });
    expect(result).toMatchObject({ path: file, pulled: false });
    expect(result.config.model.path).toBe(file);
    expect(never).not.toHaveBeenCalled();
  });

  it('fails clearly for a missing file path', async () => {
    await expect(ensureModelAvailable(configWith({ path: 'nowhere/model.gguf' }), { confirm: never, yes: false })).rejects.toMatchObject({ code: 'KREPIS_MODEL_NOT_FOUND' });
  });

  it('asks before downloading a configured alias, showing its size; declining says what to do', async () => {
    const confirm = vi.fn(async (_question: string) => false);
    const error = await ensureModelAvailable(configWith({ path: 'qwen2.5-coder-7b' }), { confirm, yes: false }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'KREPIS_MODEL_DOWNLOAD_DECLINED', hint: expect.stringContaining('krepis model pull qwen2.5-coder-7b') });
    expect(confirm).toHaveBeenCalledWith(expect.stringContaining('4.7 GB'));
  });

  it('offers the catalog recommendation when nothing is configured', async () => {
    const confirm = vi.fn(async (_question: string) => false);
    await expect(ensureModelAvailable(configWith({}), { confirm, yes: false })).rejects.toMatchObject({ code: 'KREPIS_MODEL_DOWNLOAD_DECLINED' });
    const question = confirm.mock.calls[0]?.[0];
    expect(loadCatalog().some((entry) => question?.includes(entry.alias))).toBe(true);
    expect(question).toContain('recommended');
  });

  it('fails at once when the download host cannot be resolved', async () => {
    const started = Date.now();
    const error = await pullModel('https://models.krepis.invalid/tiny.gguf', configWith({})).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'KREPIS_MODEL_OFFLINE', hint: expect.stringContaining('model.path') });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(findCatalogEntry('no-such-alias')).toBeUndefined();
  });
});
