import { BadRequestError } from '../errors/index.js';
import type { TenantId } from '../ports/index.js';
import { isValidTenantId } from '../tenancy/index.js';

/** Throws a 400 when `tenant` is not a valid tenant id (so it can never become a path like `..`). */
export function assertValidTenant(tenant: TenantId): void {
  if (!isValidTenantId(tenant)) throw new BadRequestError(`invalid tenant id ${JSON.stringify(tenant.slice(0, 80))}`, { hint: 'tenant ids are 1-63 letters, digits, "-" or "_"' }, 'KREPIS_KERNEL_BAD_TENANT');
}
