import { describe, expect, it } from 'vitest';
import { verifyScenario } from '../index.js';
import { catalogue } from './index.js';

describe('bug catalogue', () => {
  for (const entry of catalogue) {
    const strategy = entry.buggy.chaos ? 'random' : 'dpor';
    it(`finds ${entry.title} (${strategy}) and passes the fix`, async () => {
      const buggy = await verifyScenario(entry.buggy, { strategy, budget: 400 });
      expect(buggy.violations.map((violation) => violation.kind)).toContain(entry.expect);
      const violation = buggy.violations.find((candidate) => candidate.kind === entry.expect);
      expect(violation?.trace.length).toBeGreaterThan(0);
      expect(violation?.replayToken).toMatch(/^kt2\./);
      if (entry.expect === 'deadlock') expect(violation?.details?.threads).toEqual(expect.arrayContaining([expect.objectContaining({ state: 'blocked' })]));
      const fixed = await verifyScenario(entry.fixed, { strategy, budget: 400 });
      expect(fixed.violations).toEqual([]);
      expect(fixed.ok).toBe(true);
    });
  }
});

describe('PCT and random walks on the catalogue', () => {
  for (const entry of catalogue.filter((candidate) => ['lost-update', 'check-then-act', 'lock-order-deadlock', 'missing-await'].includes(candidate.id))) {
    it(`PCT (depth 3) finds ${entry.title}`, async () => {
      const report = await verifyScenario(entry.buggy, { strategy: 'pct', budget: 200, seed: 3 });
      expect(report.violations.map((violation) => violation.kind)).toContain(entry.expect);
    });
  }
});
