import { ForbiddenError, BadRequestError, TooManyRequestsError } from '../errors/index.js';
import type { Clock, TenantId } from '../ports/index.js';
import { TokenBucket, type TenantPolicy, type TenantRequest } from '../tenancy/index.js';

/**
 * Applies a {@link TenantPolicy} to requests: resolves the tenant (400 missing/invalid, 403
 * unknown), then its rate quota (token bucket on the Clock port) and concurrency quota (429).
 */
export class TenantGuard {
  private readonly buckets = new Map<TenantId, TokenBucket | null>();
  private readonly inFlight = new Map<TenantId, number>();

  constructor(
    readonly policy: TenantPolicy,
    private readonly clock: Clock,
  ) {}

  /** The tenant of `request`, or throws the error to answer with. */
  admit(request: TenantRequest): TenantId {
    const resolution = this.policy.resolve(request);
    if (!resolution.ok) throw this.refusal(resolution.reason);
    const tenant = resolution.tenant;
    let bucket = this.buckets.get(tenant);
    if (bucket === undefined) {
      const quotas = this.policy.quotas(tenant);
      bucket = quotas.ratePerSecond === undefined ? null : new TokenBucket(quotas.ratePerSecond, quotas.burst ?? quotas.ratePerSecond);
      this.buckets.set(tenant, bucket);
    }
    if (bucket !== null && !bucket.take(this.clock.now())) {
      throw new TooManyRequestsError(`tenant ${tenant} exceeded ${bucket.ratePerSecond} requests/s`, { details: { retryAfterMs: bucket.waitMs() } });
    }
    const limit = this.policy.quotas(tenant).concurrency;
    if (limit !== undefined) {
      const running = this.inFlight.get(tenant) ?? 0;
      if (running >= limit) throw new TooManyRequestsError(`tenant ${tenant} has ${running} requests in flight (limit ${limit})`);
      this.inFlight.set(tenant, running + 1);
    }
    return tenant;
  }

  /** Gives back the concurrency slot taken by {@link TenantGuard.admit}. */
  release(tenant: TenantId): void {
    const running = this.inFlight.get(tenant);
    if (running === undefined) return;
    if (running <= 1) this.inFlight.delete(tenant);
    else this.inFlight.set(tenant, running - 1);
  }

  private refusal(reason: 'missing' | 'invalid' | 'unknown'): Error {
    switch (reason) {
      case 'missing':
        return new BadRequestError(`missing tenant: send the ${this.policy.header} header`, undefined, 'KREPIS_KERNEL_TENANT_MISSING');
      case 'invalid':
        return new BadRequestError(`invalid ${this.policy.header} header`, undefined, 'KREPIS_KERNEL_TENANT_INVALID');
      case 'unknown':
        return new ForbiddenError('unknown tenant', undefined, 'KREPIS_KERNEL_TENANT_UNKNOWN');
      default:
        return reason satisfies never;
    }
  }
}
