/**
 * The twin's wall clock. Scenario code never sees it: it gets virtual ports and virtual globals.
 * (The engine's only other contact with the host event loop is in OpPromise.ts: how it waits for
 * a step's continuation to settle.)
 */
const realHrtime = process.hrtime.bigint;

/** Wall time in ms, for reporting how fast virtual time ran; never fed to scenario code. */
export const wallMs = (): number => Number(realHrtime()) / 1e6;
