import type { TenantId } from '../ports/index.js';

/** Per-tenant limits. Every field defaults to "unlimited". */
export interface TenantQuotas {
  /** Sustained requests per second (token bucket refill rate). */
  readonly ratePerSecond?: number;
  /** Bucket size: requests allowed in a burst. Default: `ratePerSecond`. */
  readonly burst?: number;
  /** Requests of one tenant in flight at once; beyond that → 429. */
  readonly concurrency?: number;
  /** Total bytes of keys plus values a tenant may store. */
  readonly storageBytes?: number;
}

/** What a policy sees of a request to decide its tenant (header names lower-case). */
export interface TenantRequest {
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

/** The outcome of {@link TenantPolicy.resolve}: a failure is a value the HTTP layer maps to 400/403. */
export type TenantResolution =
  | { readonly ok: true; readonly tenant: TenantId }
  | { readonly ok: false; readonly reason: 'missing' | 'invalid' | 'unknown' };

/** Options for {@link defineTenantPolicy}. */
export interface TenantPolicyOptions {
  /** Header carrying the tenant id. Default `"x-tenant-id"`. */
  readonly header?: string;
  /**
   * Which tenants exist: a list, or a predicate. Default: every syntactically valid id.
   */
  readonly tenants?: readonly TenantId[] | ((tenant: TenantId) => boolean);
  /** Tenant used when the header is absent; omit to answer 400 instead. */
  readonly defaultTenant?: TenantId;
  /** Quotas for every tenant. Default: unlimited. */
  readonly quotas?: TenantQuotas;
  /** Per-tenant quota overrides, merged over `quotas`. */
  readonly overrides?: Readonly<Record<TenantId, TenantQuotas>>;
}

/**
 * Decides which tenant a request belongs to and what it may use. Pure: no I/O, no clock.
 *
 * @example
 * ```ts
 * const tenancy = defineTenantPolicy({
 *   tenants: ['acme', 'globex'],
 *   quotas: { ratePerSecond: 100, concurrency: 16, storageBytes: 10_000_000 },
 *   overrides: { acme: { ratePerSecond: 1_000 } },
 * });
 * tenancy.resolve({ headers: { 'x-tenant-id': 'acme' } }); // { ok: true, tenant: 'acme' }
 * tenancy.quotas('acme').ratePerSecond; // 1000
 * ```
 */
export interface TenantPolicy {
  readonly header: string;
  resolve(request: TenantRequest): TenantResolution;
  /** Resolves from the tenant header's value alone (`undefined` when absent). */
  resolveHeader(value: string | undefined): TenantResolution;
  quotas(tenant: TenantId): TenantQuotas;
}

const TENANT_ID = /^[a-z0-9][a-z0-9_-]{0,62}$/i;

/**
 * True when `tenant` is a syntactically valid tenant id (1–63 of `[A-Za-z0-9_-]`, no leading `-`/`_`).
 * @example
 * ```ts
 * isValidTenantId('acme-eu'); // true
 * isValidTenantId('../etc'); // false
 * ```
 */
export function isValidTenantId(tenant: string): boolean {
  return TENANT_ID.test(tenant);
}

const MISSING: TenantResolution = Object.freeze({ ok: false, reason: 'missing' });
const INVALID: TenantResolution = Object.freeze({ ok: false, reason: 'invalid' });
const UNKNOWN: TenantResolution = Object.freeze({ ok: false, reason: 'unknown' });

/**
 * Builds a {@link TenantPolicy}. See {@link TenantPolicy} for an example.
 * @example
 * ```ts
 * const tenancy = defineTenantPolicy({ header: 'x-org', tenants: (id) => registry.has(id), quotas: { ratePerSecond: 20 } });
 * ```
 */
export function defineTenantPolicy(options: TenantPolicyOptions = {}): TenantPolicy {
  const header = (options.header ?? 'x-tenant-id').toLowerCase();
  const known = options.tenants;
  const exists = known === undefined ? () => true : typeof known === 'function' ? known : (tenant: TenantId) => known.includes(tenant);
  const base = options.quotas ?? {};
  const merged = new Map<TenantId, TenantQuotas>();
  const absent: TenantResolution = options.defaultTenant === undefined ? MISSING : Object.freeze({ ok: true, tenant: options.defaultTenant });
  return {
    header,
    resolve(request) {
      const raw = request.headers[header];
      return this.resolveHeader(Array.isArray(raw) ? raw[0] : raw);
    },
    resolveHeader(value) {
      if (value === undefined || value === '') return absent;
      if (!isValidTenantId(value)) return INVALID;
      return exists(value) ? { ok: true, tenant: value } : UNKNOWN;
    },
    quotas(tenant) {
      let quotas = merged.get(tenant);
      if (quotas === undefined) {
        quotas = { ...base, ...options.overrides?.[tenant] };
        merged.set(tenant, quotas);
      }
      return quotas;
    },
  };
}

/**
 * A policy for single-tenant apps: every request belongs to `tenant` (default `"default"`).
 *
 * @example
 * ```ts
 * const app = createApp({ controllers, ports, tenancy: singleTenant() });
 * ```
 */
export function singleTenant(tenant: TenantId = 'default', quotas: TenantQuotas = {}): TenantPolicy {
  return defineTenantPolicy({ tenants: [tenant], defaultTenant: tenant, quotas });
}
