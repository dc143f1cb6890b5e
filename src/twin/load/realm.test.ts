import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '@krepis/kernel';
import { randomChooser } from '../explore/choosers.js';
import { decodeReplayToken, encodeReplayToken } from '../explore/replayToken.js';
import { runSchedule } from '../explore/runOnce.js';
import { loadScenarioFile } from './loadScenarioFile.js';

const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'realm', 'realm.twin.ts');

describe('scenario files and the vm realm', () => {
  it("hands a file's code op promises of its own realm's Promise (so await takes the one-tick path)", async () => {
    const loaded = loadScenarioFile(fixture);
    const run = await runSchedule(() => loaded.instantiate()[0] as Scenario, 1, randomChooser(1), false, true);
    expect(run.findings).toEqual([]);
    expect(run.steps).toBe(3);
  });

  it('refuses a replay token of the older format with a clear error', () => {
    const current = encodeReplayToken({ scenario: 's', seed: 1, decisions: [3], chaos: false });
    expect(current.startsWith('kt2.')).toBe(true);
    expect(decodeReplayToken(current).decisions).toEqual([3]);
    const old = `kt1.${current.slice(4)}`;
    expect(() => decodeReplayToken(old)).toThrow(expect.objectContaining({ code: 'KREPIS_TWIN_STALE_REPLAY_TOKEN' }));
  });
});
