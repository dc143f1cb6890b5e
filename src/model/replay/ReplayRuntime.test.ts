import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ModelRuntime } from '../ModelRuntime.js';
import { createReplayRuntime, openReplayTranscript } from './ReplayRuntime.js';
import { createRecordingRuntime } from './RecordingRuntime.js';

const ask = (content: string) => ({ messages: [{ role: 'user' as const, content }] });

describe('replay runtime', () => {
  it('serves scripted answers in order, then fails clearly when the script runs out', async () => {
    const model = createReplayRuntime({ responses: ['first answer', (request) => `echo ${request.messages[0]?.content}`] });
    expect((await model.generate(ask('a'))).text).toBe('first answer');
    const second = await model.generate(ask('b'));
    expect(second).toMatchObject({ text: 'echo b', stopReason: 'eos' });
    expect(second.tokens.completion).toBeGreaterThan(0);
    await expect(model.generate(ask('c'))).rejects.toMatchObject({ code: 'KREPIS_MODEL_REPLAY_EXHAUSTED' });
  });

  it('streams pieces that concatenate to the text, and stops on abort', async () => {
    const model = createReplayRuntime({ responses: ['one two three four', 'alpha beta gamma'] });
    const pieces: string[] = [];
    const full = await model.generate({ ...ask('x'), onToken: (piece) => pieces.push(piece) });
    expect(pieces.join('')).toBe(full.text);
    expect(pieces.length).toBeGreaterThan(1);
    const controller = new AbortController();
    const cut = await model.generate({ ...ask('y'), signal: controller.signal, onToken: () => controller.abort() });
    expect(cut.stopReason).toBe('aborted');
    expect('alpha beta gamma'.startsWith(cut.text)).toBe(true);
    expect(cut.text.length).toBeLessThan('alpha beta gamma'.length);
  });

  it('rethrows scripted errors as KrepisErrors', async () => {
    const model = createReplayRuntime({ responses: [{ error: { code: 'KREPIS_MODEL_PROMPT_TOO_LONG', message: 'too long', hint: 'shorten' } }] });
    await expect(model.generate(ask('a'))).rejects.toMatchObject({ code: 'KREPIS_MODEL_PROMPT_TOO_LONG', hint: 'shorten' });
  });

  it('records any runtime to JSONL and replays it strictly by request digest', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'krepis-replay-'));
    const file = path.join(dir, 'session.jsonl');
    const source: ModelRuntime = createReplayRuntime({ responses: ['answer A', 'answer B'] });
    const recorder = createRecordingRuntime(source, file);
    await recorder.generate(ask('question A'));
    await recorder.generate(ask('question B'));
    await recorder.countTokens('hello');
    const lines = (await readFile(file, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { kind: string });
    expect(lines.map((line) => line.kind)).toEqual(['info', 'generate', 'generate', 'countTokens']);

    const replay = await openReplayTranscript(file);
    expect(replay.info.id).toBe(file);
    expect((await replay.generate(ask('question B'))).text).toBe('answer B');
    expect((await replay.generate(ask('question A'))).text).toBe('answer A');
    await expect(replay.generate(ask('question A'))).rejects.toMatchObject({ code: 'KREPIS_MODEL_REPLAY_EXHAUSTED' });
    const mismatch = await openReplayTranscript(file);
    await expect(mismatch.generate(ask('never asked'))).rejects.toMatchObject({ code: 'KREPIS_MODEL_REPLAY_MISMATCH' });
  });

  it('names the file and line of a corrupt transcript', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'krepis-replay-'));
    const file = path.join(dir, 'bad.jsonl');
    await writeFile(file, '{"v":1,"kind":"info","info":{"runtime":"llama","id":"m","contextSize":10,"parallelism":1}}\n{not json\n');
    await expect(openReplayTranscript(file)).rejects.toMatchObject({ code: 'KREPIS_MODEL_REPLAY_INVALID', message: expect.stringContaining(`${file}:2`) });
  });
});
