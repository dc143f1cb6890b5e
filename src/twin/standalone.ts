import { defineScenario, type Ports, type Scenario } from '@krepis/kernel';
import { Run } from './engine/Run.js';
import { replayChooser } from './explore/choosers.js';

const host = defineScenario({ name: 'standalone ports', setup: () => undefined, actors: { none: () => undefined } }) as Scenario;

/**
 * The twin's simulated ports without a scenario: each call completes on the next microtask, at
 * virtual time zero. For running the kernel's shared port suites against the twin's adapters.
 *
 * @example
 * ```ts
 * const { storage } = standaloneTwinPorts();
 * await storage.put('acme', 'a', new TextEncoder().encode('1'));
 * ```
 */
export function standaloneTwinPorts(seed = 1): Ports {
  return new Run({ scenario: host, seed, chooser: replayChooser([]), standalone: true }).ports;
}
