import { KernelError, type KernelErrorOptions } from './KernelError.js';

/**
 * Errors a route handler throws to answer with a specific status.
 *
 * @example
 * ```ts
 * const todo = await todos.get(tenant, params.id);
 * if (!todo) throw new NotFoundError(`todo ${params.id} not found`);
 * ```
 */
export class NotFoundError extends KernelError {
  constructor(message = 'not found', options?: KernelErrorOptions) {
    super('KREPIS_KERNEL_NOT_FOUND', message, 404, options);
  }
}

/** 400: the request is malformed or fails validation. @example `throw new BadRequestError('name is required')` */
export class BadRequestError extends KernelError {
  constructor(message = 'bad request', options?: KernelErrorOptions, code = 'KREPIS_KERNEL_BAD_REQUEST') {
    super(code, message, 400, options);
  }
}

/** 401: no or invalid credentials. @example `throw new UnauthorizedError('session expired')` */
export class UnauthorizedError extends KernelError {
  constructor(message = 'unauthorized', options?: KernelErrorOptions) {
    super('KREPIS_KERNEL_UNAUTHORIZED', message, 401, options);
  }
}

/** 403: authenticated but not allowed. @example `throw new ForbiddenError('admins only')` */
export class ForbiddenError extends KernelError {
  constructor(message = 'forbidden', options?: KernelErrorOptions, code = 'KREPIS_KERNEL_FORBIDDEN') {
    super(code, message, 403, options);
  }
}

/** 409: a write conflicted (e.g. a compare-and-set lost). @example `throw new ConflictError('todo changed meanwhile')` */
export class ConflictError extends KernelError {
  constructor(message = 'conflict', options?: KernelErrorOptions) {
    super('KREPIS_KERNEL_CONFLICT', message, 409, options);
  }
}

/** 413: the body is larger than the limit. @example `throw new PayloadTooLargeError('max 1 MiB')` */
export class PayloadTooLargeError extends KernelError {
  constructor(message = 'payload too large', options?: KernelErrorOptions) {
    super('KREPIS_KERNEL_PAYLOAD_TOO_LARGE', message, 413, options);
  }
}

/** 429: a tenant exceeded its rate or concurrency quota. @example `throw new TooManyRequestsError('slow down')` */
export class TooManyRequestsError extends KernelError {
  constructor(message = 'too many requests', options?: KernelErrorOptions) {
    super('KREPIS_KERNEL_TOO_MANY_REQUESTS', message, 429, options);
  }
}

/** 503: the server is overloaded or shutting down. @example `throw new ServiceUnavailableError('draining')` */
export class ServiceUnavailableError extends KernelError {
  constructor(message = 'service unavailable', options?: KernelErrorOptions, code = 'KREPIS_KERNEL_UNAVAILABLE') {
    super(code, message, 503, options);
  }
}

/** 507: a tenant's storage quota is used up. @example `throw new QuotaExceededError('storage quota exceeded')` */
export class QuotaExceededError extends KernelError {
  constructor(message = 'storage quota exceeded', options?: KernelErrorOptions) {
    super('KREPIS_KERNEL_QUOTA', message, 507, options);
  }
}
