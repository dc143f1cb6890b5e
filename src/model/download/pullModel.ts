import { lookup } from 'node:dns/promises';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { isKrepisError } from '../../errors/index.js';
import { parseModelSource } from '../catalog/modelSource.js';
import { modelError } from '../errors.js';
import { validateGguf } from '../gguf/validateGguf.js';
import { llamaCpp } from '../llamaCpp.js';

/** Download progress, in bytes. */
export interface PullProgress {
  downloadedBytes: number;
  totalBytes: number;
}

export interface PullOptions {
  onProgress?: (progress: PullProgress) => void;
  signal?: AbortSignal;
  /** How long the reachability check may take, in ms. Default 3000. */
  lookupTimeoutMs?: number;
}

export interface PullResult {
  path: string;
  sizeBytes: number;
  /** False when a complete copy was already there. */
  downloaded: boolean;
}

function hostOf(uri: string): string {
  return uri.startsWith('hf:') ? 'huggingface.co' : new URL(uri).hostname;
}

/** Fails at once, with what to do instead, when the download host does not resolve. */
async function assertOnline(uri: string, dir: string, timeoutMs: number): Promise<void> {
  const host = hostOf(uri);
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`lookup of ${host} timed out`)), timeoutMs).unref());
  try {
    await Promise.race([lookup(host), timeout]);
  } catch (cause) {
    throw modelError('offline', `Cannot reach ${host} to download ${uri} (offline?)`, `Copy a .gguf file into ${dir} (or anywhere) and set \`model.path\` to its path, e.g. KREPIS_MODEL_PATH=/path/to/model.gguf.`, { cause, details: { uri, host, dir } });
  }
}

/**
 * Downloads a catalog alias or `hf:`/`https:` URI into the model folder with node-llama-cpp's
 * downloader: resumable (a partial file is kept on cancel), skipped when a complete copy exists,
 * size-checked and GGUF-validated afterwards. Offline, it fails at once.
 */
export async function pullModel(spec: string, config: { model: { dir?: string | undefined }; root?: string }, options: PullOptions = {}): Promise<PullResult> {
  const source = parseModelSource(spec, config);
  if (source.kind === 'path') throw modelError('unknownAlias', `"${spec}" is neither a catalog alias nor a download URI`, 'Use an alias from `krepis model list`, or an hf:<user>/<repo>:<quant> or https:// URI.');
  const dir = path.dirname(source.file);
  if (source.kind === 'alias' && existsSync(source.file) && statSync(source.file).size === source.entry.sizeBytes) {
    return { path: source.file, sizeBytes: source.entry.sizeBytes, downloaded: false };
  }
  await assertOnline(source.uri, dir, options.lookupTimeoutMs ?? 3000);
  try {
    const { createModelDownloader } = await llamaCpp();
    const downloader = await createModelDownloader({
      modelUri: source.uri,
      dirPath: dir,
      fileName: path.basename(source.file),
      skipExisting: true,
      deleteTempFileOnCancel: false,
      onProgress: (status) => options.onProgress?.({ downloadedBytes: status.downloadedSize, totalBytes: status.totalSize }),
    });
    const target = downloader.entrypointFilePath;
    const sizeBefore = existsSync(target) ? statSync(target).size : -1;
    const file = await downloader.download({ signal: options.signal });
    const size = statSync(file).size;
    const skipped = sizeBefore === downloader.totalSize;
    if (size !== downloader.totalSize) throw modelError('downloadFailed', `${file} has ${size} bytes, the server announced ${downloader.totalSize}`, `Run \`krepis model pull ${spec}\` again to resume.`);
    await validateGguf(file);
    return { path: file, sizeBytes: size, downloaded: !skipped };
  } catch (cause) {
    if (isKrepisError(cause) || options.signal?.aborted) throw cause;
    throw modelError('downloadFailed', `Downloading ${source.uri} failed: ${cause instanceof Error ? cause.message : String(cause)}`, `Run \`krepis model pull ${spec}\` again (it resumes), or put a .gguf in ${dir} and set \`model.path\`.`, { cause, details: { uri: source.uri } });
  }
}
