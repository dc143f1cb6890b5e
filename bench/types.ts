export interface BenchContext {
  /** Extra arguments after the benchmark's name. */
  args: readonly string[];
  /** Progress lines (stderr under --json). */
  log(line: string): void;
}

export interface BenchResult {
  /** One human line: ours vs the peer, and the ratio. */
  summary: string;
  /** Every figure measured, ours and the peer's, for --json. */
  figures: Record<string, unknown>;
  /** Whether the target was met (omit when there is no target). */
  pass?: boolean;
  /** The machine it ran on. */
  machine?: Record<string, unknown>;
}

export type Benchmark = (context: BenchContext) => Promise<BenchResult>;
