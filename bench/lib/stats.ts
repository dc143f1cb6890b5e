/** The median of `values` (the upper middle one for an even count; 0 when there are none). */
export function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
}
