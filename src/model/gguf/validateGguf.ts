import { open, stat } from 'node:fs/promises';
import type { GgufFileInfo } from 'node-llama-cpp';
import { modelError } from '../errors.js';
import { llamaCpp } from '../llamaCpp.js';

const GGUF_MAGIC = 'GGUF';
const TOKEN_TYPE_BYTE = 6;
const FIX_INVALID = 'Re-download the model (`krepis model pull <alias>`) or point `model.path` at a complete GGUF file.';

/** Keys llama.cpp needs before it can load an architecture `arch` (missing ones abort the process natively). */
const requiredArchitectureKeys = ['context_length', 'embedding_length', 'block_count', 'feed_forward_length', 'attention.head_count'] as const;

type Flat = Readonly<Record<string, unknown>>;

async function readMagic(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(4);
    const { bytesRead } = await handle.read(buffer, 0, 4, 0);
    return buffer.subarray(0, bytesRead).toString('latin1');
  } finally {
    await handle.close();
  }
}

function flatten(object: Flat, prefix = '', into: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [key, value] of Object.entries(object)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) flatten(value as Flat, name, into);
    else into[name] = value;
  }
  return into;
}

function missingKeys(meta: Record<string, unknown>): string[] {
  const arch = meta['general.architecture'];
  if (typeof arch !== 'string') return ['general.architecture'];
  const keys = requiredArchitectureKeys.map((key) => `${arch}.${key}`);
  keys.push('tokenizer.ggml.model', 'tokenizer.ggml.tokens', 'tokenizer.ggml.token_type');
  const missing = keys.filter((key) => meta[key] === undefined);
  const epsilon = [`${arch}.attention.layer_norm_rms_epsilon`, `${arch}.attention.layer_norm_epsilon`];
  if (epsilon.every((key) => meta[key] === undefined)) missing.push(epsilon[0]!);
  return missing;
}

/** A SentencePiece (`llama`) vocabulary must hold all 256 byte tokens `<0x00>`…`<0xFF>` typed BYTE. */
function missingByteTokens(meta: Record<string, unknown>): number {
  if (meta['tokenizer.ggml.model'] !== 'llama') return 0;
  const tokens = meta['tokenizer.ggml.tokens'] as readonly string[];
  const types = meta['tokenizer.ggml.token_type'] as readonly number[];
  const found = new Set<number>();
  tokens.forEach((token, index) => {
    const match = /^<0x([0-9A-F]{2})>$/.exec(token);
    if (match && types[index] === TOKEN_TYPE_BYTE) found.add(parseInt(match[1]!, 16));
  });
  return 256 - found.size;
}

/** [elements per block, bytes per block] of common GGML tensor types, by type id. */
const blockLayout: Readonly<Record<number, readonly [number, number]>> = {
  0: [1, 4], 1: [1, 2], 30: [1, 2], 2: [32, 18], 3: [32, 20], 6: [32, 22], 7: [32, 24], 8: [32, 34],
  10: [256, 84], 11: [256, 110], 12: [256, 144], 13: [256, 176], 14: [256, 210], 15: [256, 292],
};

/** Where the last tensor's data ends (types without a known layout count from their start). */
function tensorDataEnd(info: GgufFileInfo): number {
  let end = 0;
  for (const tensor of info.tensorInfo ?? []) {
    if (tensor.filePart > 1) continue;
    const layout = blockLayout[tensor.ggmlType];
    const elements = tensor.dimensions.reduce<number>((product, dim) => product * Number(dim), 1);
    const bytes = layout ? Math.ceil(elements / layout[0]) * layout[1] : 0;
    end = Math.max(end, Number(tensor.fileOffset) + bytes);
  }
  return end;
}

/**
 * Checks a GGUF file in JS before llama.cpp sees it (a missing key or byte token aborts the
 * whole process from C++). Throws a KrepisError naming the path and the fix; returns the parsed
 * header when the file is loadable.
 */
export async function validateGguf(file: string): Promise<GgufFileInfo> {
  const size = await stat(file).then((s) => (s.isFile() ? s.size : -1), () => -1);
  if (size < 0) throw modelError('notFound', `Model file not found: ${file}`, 'Run `krepis model pull <alias>` or set `model.path` to an existing .gguf file.', { details: { path: file } });
  if ((await readMagic(file)) !== GGUF_MAGIC) throw modelError('notGguf', `Not a GGUF file: ${file}`, 'Point `model.path` at a .gguf model (see `krepis model list`).', { details: { path: file } });
  let info: GgufFileInfo;
  try {
    const { readGgufFileInfo } = await llamaCpp();
    info = await readGgufFileInfo(file, { readTensorInfo: true, logWarnings: false, sourceType: 'filesystem' });
  } catch (cause) {
    throw modelError('truncated', `GGUF header of ${file} cannot be read (truncated or corrupt)`, FIX_INVALID, { cause, details: { path: file } });
  }
  // The reader pads a short file with zeros instead of failing: compare where the header ends.
  if ((info.infoEndOffset ?? 0) > size) throw modelError('truncated', `GGUF ${file} is truncated: its header runs past the end of the file (${size} bytes)`, FIX_INVALID, { details: { path: file, size } });
  const meta = flatten(info.metadata as unknown as Flat);
  const missing = missingKeys(meta);
  if (missing.length > 0) throw modelError('invalid', `GGUF ${file} lacks required keys: ${missing.join(', ')}`, FIX_INVALID, { details: { path: file, missing } });
  const bytesMissing = missingByteTokens(meta);
  if (bytesMissing > 0) throw modelError('invalid', `GGUF ${file}: its SentencePiece vocabulary lacks ${bytesMissing} of the 256 byte tokens <0x00>…<0xFF>`, FIX_INVALID, { details: { path: file } });
  if (tensorDataEnd(info) > size) throw modelError('truncated', `GGUF ${file} is truncated: tensor data runs past the end of the file (${size} bytes)`, FIX_INVALID, { details: { path: file, size } });
  return info;
}
