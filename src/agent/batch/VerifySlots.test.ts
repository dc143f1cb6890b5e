import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createReplayRuntime } from '../../model/index.js';
import { VerifySlots } from './VerifySlots.js';

describe('VerifySlots', () => {
  it('lets every agent generate but only `size` verify at once, and frees a slot when an agent asks again or ends', async () => {
    const runtime = createReplayRuntime({ responses: Array.from({ length: 12 }, () => 'answer'), parallelism: 6 });
    const slots = new VerifySlots(2);
    let verifying = 0;
    let most = 0;
    const agent = async (): Promise<void> => {
      const view = slots.forAgent(runtime);
      try {
        for (let attempt = 0; attempt < 2; attempt += 1) {
          await view.runtime.generate({ messages: [{ role: 'user', content: 'go' }] });
          verifying += 1;
          most = Math.max(most, verifying);
          await sleep(20);
          verifying -= 1;
        }
      } finally {
        view.done();
      }
    };
    await Promise.all(Array.from({ length: 6 }, agent));
    expect(most).toBe(2);
    expect(slots.peak).toBe(2);
    expect(runtime.info.parallelism).toBe(6);
  });
});
