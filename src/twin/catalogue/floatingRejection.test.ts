import { defineScenario } from '@krepis/kernel';
import { expect, it } from 'vitest';
import { verifyScenario } from '../index.js';

it('reports a port call that fails with nobody awaiting it, without crashing the process', async () => {
  const scenario = defineScenario({
    name: 'fire-and-forget webhook',
    setup: ({ ports }) => ports,
    actors: {
      order: async ({ app }) => {
        void app.net.fetch({ url: 'https://hooks.example.com' });
        await app.clock.sleep(10);
      },
    },
    chaos: { ioErrorRate: 1 },
  });
  const report = await verifyScenario(scenario, { strategy: 'random', budget: 3 });
  expect(report.violations.map((violation) => violation.kind)).toContain('unhandled-rejection');
  expect(report.violations[0]?.message).toContain('net GET https://hooks.example.com');
});
