import { BadRequestError } from '../errors/index.js';

const MAX_KEY_LENGTH = 512;

/**
 * Why `key` cannot be used as a storage key, or `undefined` when it can.
 * @example
 * ```ts
 * invalidKeyReason('files/../secret'); // 'contains a "." or ".." segment'
 * ```
 */
export function invalidKeyReason(key: string): string | undefined {
  if (key.length === 0) return 'is empty';
  if (key.length > MAX_KEY_LENGTH) return `is longer than ${MAX_KEY_LENGTH} characters`;
  if (key.includes('\0')) return 'contains a NUL character';
  if (key.split('/').some((segment) => segment === '..' || segment === '.')) return 'contains a "." or ".." segment';
  return undefined;
}

/**
 * Throws a 400 {@link BadRequestError} when `key` is not a valid storage key (empty, too long,
 * NUL, `.`/`..` segments), so a request parameter can never walk out of its tenant's space.
 *
 * @example
 * ```ts
 * assertValidKey(`files/${params.name}`);
 * ```
 */
export function assertValidKey(key: string): void {
  const reason = invalidKeyReason(key);
  if (reason !== undefined) throw new BadRequestError(`storage key ${JSON.stringify(key.slice(0, 80))} ${reason}`, undefined, 'KREPIS_KERNEL_BAD_KEY');
}
