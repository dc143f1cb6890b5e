import type { Stage } from './StageContext.js';

/** The kernel's conformance suite, run against the app code in the overlay copy. */
export const conformanceStage: Stage = async (context) => {
  const conformance = context.verifiers.conformance;
  if (!conformance) return { ok: true, skipped: context.verifiers.missing.conformance ?? 'the kernel conformance suite is not available' };
  const usesKernel = context.changes.some((change) => change.after.includes('@krepis/kernel'));
  if (!usesKernel) return { ok: true, skipped: 'the change touches no kernel code' };
  const dir = await context.materialize();
  const result = await conformance(dir, context.changes.map((change) => change.path), context.signal);
  return result.ok ? { ok: true, detail: result.detail ?? 'kernel conformance passed' } : result;
};
