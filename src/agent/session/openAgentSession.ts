import type { ResolvedConfig } from '../../config/index.js';
import { createModelRuntime, ensureModelAvailable } from '../../model/index.js';
import type { ModelRuntime } from '../../model/ModelRuntime.js';
import { openTriStore } from '../../tristore/index.js';
import type { TriStorePort } from '../context/TriStorePort.js';

export interface SessionOptions {
  /** Use this runtime instead of creating one (a shared model, a scripted one in tests); the session does not dispose it. */
  runtime?: ModelRuntime;
  /** Append every model answer to this JSONL transcript. */
  record?: string;
  /** Play this transcript back instead of running a model. */
  replay?: string;
  /** Download the model without asking. Default false. */
  yes?: boolean;
  /** Asks before a model download; answer false when nobody can be asked. */
  confirm?: (question: string) => Promise<boolean>;
  onDownload?: (progress: { downloadedBytes: number; totalBytes: number }) => void;
  /** Indexing progress while the Tri-Store catches up with the project. */
  onIndex?: (progress: { phase: string; done: number; total: number }) => void;
  /** Open the Tri-Store for context. Default true. */
  tristore?: boolean;
  signal?: AbortSignal;
  /** Notes for the user (what was not available, and why). */
  onNote?: (text: string) => void;
}

/** The model runtime and (when it opens) the Tri-Store for one `krepis ai` run. */
export interface AgentSession extends AsyncDisposable {
  runtime: ModelRuntime;
  tristore?: TriStorePort;
  config: ResolvedConfig;
}

/**
 * Opens the model runtime (after making sure the model is there: it asks before a download, and
 * offline it says what to do) and the Tri-Store, brought up to date. A store that cannot open is
 * not fatal: the agent falls back to the focus files, and the note says so.
 */
export async function openAgentSession(config: ResolvedConfig, options: SessionOptions): Promise<AgentSession> {
  const available = options.replay || options.runtime
    ? { config }
    : await ensureModelAvailable(config, { confirm: options.confirm ?? (() => Promise.resolve(false)), yes: options.yes === true, ...(options.onDownload ? { onProgress: options.onDownload } : {}), ...(options.signal ? { signal: options.signal } : {}) });
  const resolved = available.config;
  const runtime = options.runtime ?? (await createModelRuntime(resolved, { ...(options.record ? { record: options.record } : {}), ...(options.replay ? { replay: options.replay } : {}), ...(options.signal ? { signal: options.signal } : {}) }));
  const tristore = options.tristore === false ? undefined : await openStore(resolved, runtime, options);
  return {
    runtime,
    config: resolved,
    ...(tristore ? { tristore } : {}),
    async [Symbol.asyncDispose]() {
      await tristore?.close();
      if (!options.runtime) await runtime.dispose();
    },
  };
}

async function openStore(config: ResolvedConfig, runtime: ModelRuntime, options: SessionOptions): Promise<TriStorePort | undefined> {
  try {
    const store = await openTriStore(config, { runtime, ...(options.signal ? { signal: options.signal } : {}) });
    try {
      const report = await store.update({ ...(options.signal ? { signal: options.signal } : {}), ...(options.onIndex ? { onProgress: options.onIndex } : {}) });
      if (report.rebuilt) options.onNote?.(`The Tri-Store was rebuilt: ${report.rebuilt}`);
      return store;
    } catch (error) {
      await store.close();
      throw error;
    }
  } catch (error) {
    if (options.signal?.aborted) throw error;
    options.onNote?.(`The Tri-Store could not open (${(error as Error).message.split('\n')[0] ?? ''}): context comes from the --file focus, or the file list.`);
    return undefined;
  }
}
