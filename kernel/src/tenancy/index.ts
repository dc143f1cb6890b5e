export { defineTenantPolicy, singleTenant, isValidTenantId, type TenantPolicy, type TenantPolicyOptions, type TenantQuotas, type TenantRequest, type TenantResolution } from './TenantPolicy.js';
export { TokenBucket } from './TokenBucket.js';
export { TenantStore, type Doc, type TenantBatchOp } from './TenantStore.js';
export { assertValidKey, invalidKeyReason } from './keys.js';
