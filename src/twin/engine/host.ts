/**
 * The twin's only contact with the host event loop. Scenario code never sees these: it gets
 * virtual ports and virtual globals. The engine needs one real macrotask per step because only
 * then is the microtask queue empty, i.e. every task has reached its next scheduling point.
 */
const realSetImmediate = globalThis.setImmediate;
const realHrtime = process.hrtime.bigint;

/** Resolves once every pending microtask (every continuation of the step) has run. */
export const drainMicrotasks = (): Promise<void> => new Promise((resolve) => realSetImmediate(resolve));

/** Wall time in ms, for reporting how fast virtual time ran; never fed to scenario code. */
export const wallMs = (): number => Number(realHrtime()) / 1e6;
