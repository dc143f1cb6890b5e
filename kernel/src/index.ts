/**
 * @krepis/kernel — the backend framework that Krepis user code and generated code target.
 *
 * Everything nondeterministic (time, randomness, storage, network) reaches application code
 * through ports, so the twin can replace them and replay any run bit for bit.
 */
export const KERNEL_VERSION = '0.1.0';

export type * from './ports/index.js';
export * from './scenario/index.js';
export * from './errors/index.js';
export * from './tenancy/index.js';
export * from './pool/index.js';
export * from './journal/index.js';
export * from './adapters/index.js';
export * from './app/index.js';
export * from './http/index.js';
export * from './scheduler/index.js';
export * from './docs/index.js';
export { z } from 'zod';
