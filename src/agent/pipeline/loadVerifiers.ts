import type { TwinOutcome, TwinOptions, Verifiers } from './verifiers.js';

type VerifyProject = (root: string, options: TwinOptions) => Promise<TwinOutcome>;

/** Imports a module that may not be built into this install; undefined when it is not there. */
async function optionalImport<T>(specifier: string): Promise<T | undefined> {
  try {
    return (await import(specifier)) as T;
  } catch (error) {
    if (['ERR_MODULE_NOT_FOUND', 'MODULE_NOT_FOUND', 'ERR_PACKAGE_PATH_NOT_EXPORTED'].includes((error as { code?: string }).code ?? '')) return undefined;
    throw error;
  }
}

/** The twin (src/twin) and the kernel conformance suite, each missing one named with why. */
export async function loadVerifiers(): Promise<Verifiers> {
  const missing: Verifiers['missing'] = {};
  const twinModule = await optionalImport<{ verifyProject?: VerifyProject }>(new URL('../../twin/index.js', import.meta.url).href);
  const twin = twinModule?.verifyProject;
  if (!twin) missing.twin = 'not available: this build of Krepis has no twin (src/twin verifyProject)';
  missing.conformance = 'not available: this build of the kernel exports no conformance runner';
  return { ...(twin ? { twin } : {}), missing };
}
