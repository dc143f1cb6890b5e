import { BadRequestError, ForbiddenError, TooManyRequestsError } from '../errors/index.js';
import type { Clock, TenantId } from '../ports/index.js';
import { TokenBucket, type TenantPolicy, type TenantQuotas } from '../tenancy/index.js';
import { rawHeader } from './rawHeaders.js';

/** What the guard keeps per tenant (one map lookup per request). */
export interface TenantState {
  readonly tenant: TenantId;
  readonly quotas: TenantQuotas;
  readonly bucket: TokenBucket | null;
  inFlight: number;
}

/**
 * Applies a {@link TenantPolicy} to requests: resolves the tenant (400 missing/invalid, 403
 * unknown), then its rate quota (token bucket on the Clock port) and concurrency quota (429).
 */
export class TenantGuard {
  private readonly states = new Map<TenantId, TenantState>();

  constructor(
    readonly policy: TenantPolicy,
    private readonly clock: Clock,
  ) {}

  /**
   * The tenant's state with a slot taken, or throws the error to answer with. Reads the tenant
   * header from `rawHeaders` so Node does not build the whole `headers` object for it.
   */
  admit(request: { readonly rawHeaders: readonly string[] }): TenantState {
    const resolution = this.policy.resolveHeader(rawHeader(request.rawHeaders, this.policy.header));
    if (!resolution.ok) throw this.refusal(resolution.reason);
    const state = this.state(resolution.tenant);
    if (state.bucket !== null && !state.bucket.take(this.clock.now())) {
      throw new TooManyRequestsError(`tenant ${state.tenant} exceeded ${state.bucket.ratePerSecond} requests/s`, { details: { retryAfterMs: state.bucket.waitMs() } });
    }
    const limit = state.quotas.concurrency;
    if (limit !== undefined && state.inFlight >= limit) throw new TooManyRequestsError(`tenant ${state.tenant} has ${state.inFlight} requests in flight (limit ${limit})`);
    state.inFlight++;
    return state;
  }

  /** Gives back the concurrency slot taken by {@link TenantGuard.admit}. */
  release(state: TenantState): void {
    if (state.inFlight > 0) state.inFlight--;
  }

  /** The state of `tenant` (created on first use). */
  state(tenant: TenantId): TenantState {
    let state = this.states.get(tenant);
    if (state === undefined) {
      const quotas = this.policy.quotas(tenant);
      const bucket = quotas.ratePerSecond === undefined ? null : new TokenBucket(quotas.ratePerSecond, quotas.burst ?? quotas.ratePerSecond);
      state = { tenant, quotas, bucket, inFlight: 0 };
      this.states.set(tenant, state);
    }
    return state;
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
