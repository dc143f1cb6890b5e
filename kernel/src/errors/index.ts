export { KernelError, isKernelError, type KernelErrorOptions } from './KernelError.js';
export * from './httpErrors.js';
