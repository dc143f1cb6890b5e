import { readFileSync } from 'node:fs';
import { readGgufFileInfo } from 'node-llama-cpp';
import { describe, expect, it } from 'vitest';
import { encodeTinyGguf, ensureTinyGguf, tinyModelShape } from './tinyGguf.js';

describe('tiny GGUF generator', () => {
  it('writes a GGUF that node-llama-cpp parses with the documented shape', async () => {
    const file = await ensureTinyGguf();
    const info = await readGgufFileInfo(file);
    expect(info.version).toBe(3);
    expect(info.metadata.general.architecture).toBe('llama');
    const llama = (info.metadata as unknown as { llama: Record<string, unknown> }).llama;
    expect(llama.embedding_length).toBe(tinyModelShape.embeddingLength);
    expect((llama.attention as Record<string, unknown>).head_count_kv).toBe(tinyModelShape.headCountKv);
    const tokens = info.metadata.tokenizer.ggml.tokens;
    expect(tokens).toContain('<0x00>');
    expect(tokens).toContain('<0xFF>');
    expect(tokens).toContain('{');
    expect(info.tensorInfo).toHaveLength(3 + 9 * tinyModelShape.blockCount);
  });

  it('is deterministic and safe to call concurrently', async () => {
    const paths = await Promise.all([ensureTinyGguf(), ensureTinyGguf(), ensureTinyGguf()]);
    expect(new Set(paths).size).toBe(1);
    expect(readFileSync(paths[0]!).equals(encodeTinyGguf())).toBe(true);
    expect(encodeTinyGguf().length).toBeGreaterThan(400_000);
  });

  it('builds deliberately broken variants for validation tests', () => {
    const full = encodeTinyGguf();
    const noBytes = encodeTinyGguf({ withoutByteTokens: true });
    expect(noBytes.length).toBeLessThan(full.length);
    expect(encodeTinyGguf({ omitKeys: ['llama.attention.head_count'] }).includes(Buffer.from('llama.attention.head_count\u0004'))).toBe(false);
  });
});
