import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeTinyGguf, ensureTinyGguf } from '../../../models/tinyGguf.js';
import { createLlamaRuntime } from '../llama/createLlamaRuntime.js';
import { inspectModel } from './inspectModel.js';
import { validateGguf } from './validateGguf.js';

const dir = mkdtempSync(path.join(tmpdir(), 'krepis-gguf-'));
const write = (name: string, bytes: Buffer | string): string => {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
};
const full = encodeTinyGguf();

describe('GGUF validation before llama.cpp sees a file', () => {
  it.each([
    ['missing file', path.join(dir, 'nope.gguf'), 'KREPIS_MODEL_NOT_FOUND'],
    ['a text file', write('notes.gguf', 'just some text, not a model'), 'KREPIS_MODEL_NOT_GGUF'],
    ['a header cut short', write('header-cut.gguf', full.subarray(0, 200)), 'KREPIS_MODEL_TRUNCATED'],
    ['tensor data cut short', write('data-cut.gguf', full.subarray(0, full.length - 5000)), 'KREPIS_MODEL_TRUNCATED'],
    ['no head_count', write('no-heads.gguf', encodeTinyGguf({ omitKeys: ['llama.attention.head_count'] })), 'KREPIS_MODEL_INVALID'],
    ['no feed_forward_length', write('no-ff.gguf', encodeTinyGguf({ omitKeys: ['llama.feed_forward_length'] })), 'KREPIS_MODEL_INVALID'],
    ['no byte tokens', write('no-bytes.gguf', encodeTinyGguf({ withoutByteTokens: true })), 'KREPIS_MODEL_INVALID'],
  ])('rejects %s with a KrepisError naming the path', async (_label, file, code) => {
    const error = await validateGguf(file).then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ code, hint: expect.any(String) });
    expect((error as Error).message).toContain(file);
  });

  it('keeps bad files away from llama.cpp: loading one is an error, not a native abort', async () => {
    const file = path.join(dir, 'no-heads.gguf');
    await expect(createLlamaRuntime({ modelPath: file, gpu: false, contextSize: 256, temperature: 0, seed: 1, maxTokens: 4 })).rejects.toMatchObject({ code: 'KREPIS_MODEL_INVALID' });
  });

  it('inspects the tiny model: architecture, parameters, quantization, context, memory fit', async () => {
    const inspection = await inspectModel(await ensureTinyGguf(), { contextSize: 2048, freeVramBytes: 1024 });
    expect(inspection).toMatchObject({ architecture: 'llama', quantization: 'F32', trainedContext: 4096, embeddingSize: 64, sizeBytes: full.length });
    expect(inspection.parameters).toBeGreaterThan(100_000);
    expect(inspection.parameters).toBeLessThan(130_000);
    expect(inspection.estimate.contextSize).toBe(2048);
    expect(inspection.estimate.vramBytes).toBeGreaterThan(1024);
    expect(inspection.estimate.fitsInVram).toBe(false);
  });
});
