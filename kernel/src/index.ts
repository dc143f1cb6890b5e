/**
 * @krepis/kernel — the backend framework that Krepis user code and generated code target.
 *
 * Everything nondeterministic (time, randomness, storage, network) reaches application code
 * through ports, so the twin can replace them and replay any run bit for bit.
 */
export const KERNEL_VERSION = '0.1.0';

export type * from './ports/index.js';
