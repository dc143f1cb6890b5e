/** Options for {@link KernelError}. */
export interface KernelErrorOptions {
  /** One line saying what to do about it. */
  readonly hint?: string;
  readonly cause?: unknown;
  /** Safe-to-show structured details (sent to the client for 4xx errors). */
  readonly details?: Readonly<Record<string, unknown>>;
}

/**
 * Base of every error the kernel throws on purpose: a stable `code`, the HTTP `status` it maps
 * to, and an optional hint. Throw one (or a subclass) from a route handler and the client gets
 * that status with `{ error: { code, message, details } }`.
 *
 * @example
 * ```ts
 * throw new KernelError('KREPIS_KERNEL_QUOTA', 'storage quota exceeded', 507, {
 *   hint: 'delete old uploads or raise quotas.storageBytes',
 * });
 * ```
 */
export class KernelError extends Error {
  readonly hint: string | undefined;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(
    readonly code: string,
    message: string,
    readonly status = 500,
    options: KernelErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.hint = options.hint;
    this.details = options.details;
  }
}

/**
 * True when `error` is a {@link KernelError} (also across copies of the package).
 * @example
 * ```ts
 * catch (error) { if (isKernelError(error) && error.status === 404) return undefined; throw error; }
 * ```
 */
export function isKernelError(error: unknown): error is KernelError {
  return error instanceof KernelError || (error instanceof Error && typeof (error as Partial<KernelError>).status === 'number' && typeof (error as Partial<KernelError>).code === 'string');
}
