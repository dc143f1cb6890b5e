import type { ResolvedConfig } from '../../config/index.js';
import { createModelRuntime } from '../../model/index.js';
import type { ModelRuntime } from '../../model/ModelRuntime.js';
import type { TriStorePort } from '../context/TriStorePort.js';

export interface SessionOptions {
  /** Append every model answer to this JSONL transcript. */
  record?: string;
  /** Play this transcript back instead of running a model. */
  replay?: string;
  signal?: AbortSignal;
  /** Notes for the user (what was not available, and why). */
  onNote?: (text: string) => void;
}

/** The model runtime and (when it opens) the Tri-Store for one `krepis ai` run. */
export interface AgentSession extends AsyncDisposable {
  runtime: ModelRuntime;
  tristore?: TriStorePort;
}

/**
 * Opens the model runtime (`--replay` / `--record` included) and the Tri-Store. A store that cannot
 * open is not fatal: the agent falls back to focus files, and the note says so.
 */
export async function openAgentSession(config: ResolvedConfig, options: SessionOptions): Promise<AgentSession> {
  const runtime = await createModelRuntime(config, { ...(options.record ? { record: options.record } : {}), ...(options.replay ? { replay: options.replay } : {}), ...(options.signal ? { signal: options.signal } : {}) });
  const tristore = await openStore(config, runtime, options.onNote);
  return {
    runtime,
    ...(tristore ? { tristore } : {}),
    async [Symbol.asyncDispose]() {
      await tristore?.close();
      await runtime.dispose();
    },
  };
}

async function openStore(_config: ResolvedConfig, _runtime: ModelRuntime, onNote?: (text: string) => void): Promise<TriStorePort | undefined> {
  onNote?.('Tri-Store not available in this build: context comes from the --file focus (or the file list).');
  return undefined;
}
