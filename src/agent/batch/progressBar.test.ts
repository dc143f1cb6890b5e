import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgressBar } from './progressBar.js';

describe('progress bar', () => {
  it('draws done, failed, running, tokens/s and ETA on a terminal stream', () => {
    const stream = Object.assign(new PassThrough(), { isTTY: true, columns: 160, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
    let out = '';
    stream.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const bar = createProgressBar(stream, 10);
    bar.update({ total: 10, counts: { pending: 3, running: 2, verified: 3, failed: 1, applied: 1 }, tokens: 500, elapsedMs: 2000 });
    bar.stop();
    expect(out).toContain('5/10 | ✓ 4 ✗ 1 ⟳ 2 | 250.0 tok/s | ETA');
  });
});
