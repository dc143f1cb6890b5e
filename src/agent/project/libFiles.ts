import path from 'node:path';
import { getLibFiles } from '@ts-morph/common';

/**
 * ts-morph bundles TypeScript's lib .d.ts files in memory rather than on disk; the language
 * service sees them under this virtual folder.
 */
export const LIB_DIR = path.join(path.sep, '__krepis_typescript_lib__');

let libs: Map<string, string> | undefined;

/** The text of a lib file under `LIB_DIR`, or undefined for any other path. */
export function readLibFile(file: string): string | undefined {
  if (!file.startsWith(LIB_DIR)) return undefined;
  libs ??= new Map(getLibFiles().map((lib) => [path.basename(lib.fileName), lib.text]));
  return libs.get(path.basename(file));
}
