import type { ResolvedConfig } from '../../config/index.js';
import type { ModelRuntime } from '../../model/index.js';
import { openTriStore, type TriStore } from '../../tristore/index.js';

/**
 * Opens the Tri-Store and brings it up to date, for the agents' context and graph-aware lock
 * keys. A store that cannot open is not fatal: the job runs on import-based lock keys and the
 * focus files, and `onNote` says why.
 */
export async function openIndex(config: ResolvedConfig, runtime: ModelRuntime, options: { signal?: AbortSignal; onNote?: (text: string) => void }): Promise<TriStore | undefined> {
  let store: TriStore | undefined;
  try {
    store = await openTriStore(config, { runtime, ...(options.signal ? { signal: options.signal } : {}) });
    await store.update({ ...(options.signal ? { signal: options.signal } : {}) });
    return store;
  } catch (error) {
    await store?.close();
    if (options.signal?.aborted) throw error;
    options.onNote?.(`The Tri-Store could not open (${(error as Error).message.split('\n')[0] ?? ''}): lock keys come from imports, context from each item's file.`);
    return undefined;
  }
}
