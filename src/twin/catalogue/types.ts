import type { Scenario } from '@krepis/kernel';
import type { ViolationKind } from '../types.js';

/** One classic async bug: a buggy scenario the twin must flag, and the fixed one it must pass. */
export interface CatalogueEntry {
  readonly id: string;
  readonly title: string;
  /** What the twin reports for the buggy version. */
  readonly expect: ViolationKind;
  readonly buggy: Scenario;
  readonly fixed: Scenario;
  /** Whether fast-check's scheduler can observe the failure at all (it has no memory, timing or crash model). */
  readonly fastCheck: boolean;
}
