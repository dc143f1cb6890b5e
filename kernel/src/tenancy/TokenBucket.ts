/**
 * A token-bucket rate limiter. Pure: the caller passes the current time (from the Clock port).
 *
 * @example
 * ```ts
 * const bucket = new TokenBucket(10, 20); // 10/s sustained, bursts of 20
 * if (!bucket.take(clock.now())) throw new TooManyRequestsError();
 * ```
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number | undefined;

  constructor(
    readonly ratePerSecond: number,
    readonly capacity: number = ratePerSecond,
  ) {
    this.tokens = capacity;
  }

  /** Takes one token at time `nowMs`; false when the bucket is empty. */
  take(nowMs: number): boolean {
    if (this.updatedAt !== undefined && nowMs > this.updatedAt) {
      this.tokens = Math.min(this.capacity, this.tokens + ((nowMs - this.updatedAt) / 1000) * this.ratePerSecond);
    }
    this.updatedAt = this.updatedAt === undefined ? nowMs : Math.max(this.updatedAt, nowMs);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Milliseconds until a token will be available (0 when one is). */
  waitMs(): number {
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1000);
  }
}
