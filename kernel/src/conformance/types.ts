/** One broken kernel rule, located when it comes from source. */
export interface ConformanceIssue {
  /** Stable rule id, e.g. `"no-direct-clock"`. */
  readonly rule: string;
  readonly message: string;
  readonly file?: string;
  /** 1-based. */
  readonly line?: number;
}

/** The answer of every conformance check: failure is a value listing what to fix. */
export type ConformanceResult = { readonly ok: true } | { readonly ok: false; readonly issues: ConformanceIssue[] };

/**
 * Builds a {@link ConformanceResult} from a list of issues.
 * @example
 * ```ts
 * resultOf([]); // { ok: true }
 * ```
 */
export function resultOf(issues: readonly ConformanceIssue[]): ConformanceResult {
  return issues.length === 0 ? { ok: true } : { ok: false, issues: [...issues] };
}

/**
 * Merges several results into one.
 * @example
 * ```ts
 * const all = mergeResults([checkSources(files), checkControllers(controllers)]);
 * ```
 */
export function mergeResults(results: readonly ConformanceResult[]): ConformanceResult {
  return resultOf(results.flatMap((result) => (result.ok ? [] : result.issues)));
}
