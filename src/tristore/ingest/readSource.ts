import { readFile } from 'node:fs/promises';
import type { SkipReason } from '../types.js';

export type SourceRead = { ok: true; text: string } | { ok: false; reason: SkipReason; detail?: string };

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a file as UTF-8 source. Binary (NUL bytes), non-UTF-8, generated (`@generated` near the
 * top) and vanished files come back as a reason instead of text.
 */
export async function readSource(absolute: string): Promise<SourceRead> {
  let bytes: Buffer;
  try {
    bytes = await readFile(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? { ok: false, reason: 'vanished' } : { ok: false, reason: 'unreadable', detail: String(code) };
  }
  if (bytes.subarray(0, 8000).includes(0)) return { ok: false, reason: 'binary' };
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return { ok: false, reason: 'non-utf8', detail: 'not valid UTF-8' };
  }
  if (/@generated\b/.test(text.slice(0, 1000))) return { ok: false, reason: 'generated' };
  return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}
