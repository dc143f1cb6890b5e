import fc from 'fast-check';
import type { Storage, StorageOp, TenantId, WriteResult } from '../ports/index.js';
import { resultOf, type ConformanceIssue, type ConformanceResult } from './types.js';

/** Options for {@link checkStorage}. */
export interface CheckStorageOptions {
  /** Random operation sequences tried. Default 30. */
  readonly runs?: number;
  /** fast-check seed, for a reproducible run. Default: random. */
  readonly seed?: number;
}

type Op =
  | { kind: 'put'; tenant: number; key: number; ifVersion?: number }
  | { kind: 'delete'; tenant: number; key: number; ifVersion?: number }
  | { kind: 'get'; tenant: number; key: number }
  | { kind: 'list'; tenant: number }
  | { kind: 'batch'; tenant: number; keys: number[]; ifVersion?: number };

const TENANTS: readonly TenantId[] = ['tenant-a', 'tenant-b', 'tenant-c'];
const KEYS = ['k0', 'k1', 'nested/k2', 'nested/k3'];
const encoder = new TextEncoder();
const decoder = new TextDecoder();

const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('put' as const), tenant: fc.nat(2), key: fc.nat(3), ifVersion: fc.option(fc.nat(3), { nil: undefined }) }),
  fc.record({ kind: fc.constant('delete' as const), tenant: fc.nat(2), key: fc.nat(3), ifVersion: fc.option(fc.nat(3), { nil: undefined }) }),
  fc.record({ kind: fc.constant('get' as const), tenant: fc.nat(2), key: fc.nat(3) }),
  fc.record({ kind: fc.constant('list' as const), tenant: fc.nat(2) }),
  fc.record({ kind: fc.constant('batch' as const), tenant: fc.nat(2), keys: fc.array(fc.nat(3), { minLength: 1, maxLength: 3 }), ifVersion: fc.option(fc.nat(2), { nil: undefined }) }),
);

/**
 * Property check of a {@link Storage} adapter against a reference model: random sequences of
 * put / delete / get / list / batch with and without compare-and-set conditions, across three
 * tenants. Reports cross-tenant reads (`storage-isolation`), wrong versions or conditions
 * (`storage-cas`) and lost or phantom data (`storage-consistency`), with the shrunk sequence.
 *
 * @example
 * ```ts
 * const result = await checkStorage(() => new MyRedisStorage(url));
 * expect(result).toEqual({ ok: true });
 * ```
 */
export async function checkStorage(create: () => Storage | Promise<Storage>, options: CheckStorageOptions = {}): Promise<ConformanceResult> {
  let found: ConformanceIssue | undefined;
  const property = fc.asyncProperty(fc.array(opArbitrary, { maxLength: 40 }), async (ops) => {
    const issue = await runSequence(await create(), ops);
    if (issue) found = { ...issue, message: `${issue.message} (ops: ${JSON.stringify(ops)})` };
    return issue === undefined;
  });
  const details = await fc.check(property, { numRuns: options.runs ?? 30, ...(options.seed === undefined ? {} : { seed: options.seed }) });
  if (!details.failed) return { ok: true };
  return resultOf([found ?? { rule: 'storage-consistency', message: `storage threw: ${String(details.errorInstance)}` }]);
}

async function runSequence(storage: Storage, ops: readonly Op[]): Promise<ConformanceIssue | undefined> {
  const model = TENANTS.map(() => new Map<string, { value: string; version: number }>());
  let counter = 0;
  for (const op of ops) {
    const tenant = TENANTS[op.tenant]!;
    const entries = model[op.tenant]!;
    const value = () => `${tenant}:${counter++}`;
    switch (op.kind) {
      case 'get': {
        const key = KEYS[op.key]!;
        const got = await storage.get(tenant, key);
        const text = got && decoder.decode(got.value);
        if (text !== undefined && !text.startsWith(`${tenant}:`)) return { rule: 'storage-isolation', message: `${tenant} read ${key} and got another tenant's value "${text}"` };
        const expected = entries.get(key);
        if (text !== expected?.value || (got && got.version !== expected?.version)) return { rule: 'storage-consistency', message: `${tenant} get ${key}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(got && { value: text, version: got.version })}` };
        break;
      }
      case 'list': {
        const listed = await storage.list(tenant);
        const foreign = listed.find((entry) => !decoder.decode(entry.value).startsWith(`${tenant}:`));
        if (foreign) return { rule: 'storage-isolation', message: `${tenant} listed ${foreign.key} holding another tenant's value` };
        const expected = [...entries.keys()].sort();
        if (JSON.stringify(listed.map((entry) => entry.key)) !== JSON.stringify(expected)) return { rule: 'storage-consistency', message: `${tenant} list: expected keys ${expected.join(',')}, got ${listed.map((entry) => entry.key).join(',')}` };
        break;
      }
      default: {
        const storageOps: StorageOp[] = op.kind === 'batch' ? op.keys.map((key, index) => ({ type: 'put', key: KEYS[key]!, value: encoder.encode(value()), ...(index === 0 && op.ifVersion !== undefined ? { ifVersion: op.ifVersion } : {}) })) : [op.kind === 'put' ? { type: 'put', key: KEYS[op.key]!, value: encoder.encode(value()), ifVersion: op.ifVersion } : { type: 'delete', key: KEYS[op.key]!, ifVersion: op.ifVersion }];
        const expected = applyModel(entries, storageOps);
        const actual = op.kind === 'batch' ? await storage.batch(tenant, storageOps) : op.kind === 'put' ? await storage.put(tenant, KEYS[op.key]!, (storageOps[0] as { value: Uint8Array }).value, { ifVersion: op.ifVersion }) : await storage.delete(tenant, KEYS[op.key]!, { ifVersion: op.ifVersion });
        if (actual.ok !== expected.ok || (actual.ok && expected.ok && actual.version !== expected.version)) return { rule: 'storage-cas', message: `${tenant} ${op.kind}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}` };
      }
    }
  }
  return undefined;
}

function applyModel(entries: Map<string, { value: string; version: number }>, ops: readonly StorageOp[]): WriteResult {
  for (const op of ops) {
    const currentVersion = entries.get(op.key)?.version ?? 0;
    if (op.ifVersion !== undefined && op.ifVersion !== currentVersion) return { ok: false, reason: 'conflict', key: op.key, currentVersion };
  }
  let version = 0;
  for (const op of ops) {
    if (op.type === 'put') {
      version = (entries.get(op.key)?.version ?? 0) + 1;
      entries.set(op.key, { value: decoder.decode(op.value), version });
    } else {
      entries.delete(op.key);
      version = 0;
    }
  }
  return { ok: true, version };
}
