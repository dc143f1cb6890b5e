import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { removeTempDir } from '../../testing/tempProject.js';

/** Krepis's own node_modules, linked in so that TypeScript resolves in the temp project. */
const MODULES = fileURLToPath(new URL('../../../../node_modules', import.meta.url));
const TSCONFIG = JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: [] }, include: ['src'] });

/** A throwaway TypeScript project for batch-with-agent tests; disposing removes it. */
export function agentProject(files: Record<string, string>): { root: string; read(file: string): string } & Disposable {
  const root = mkdtempSync(path.join(tmpdir(), 'krepis-batch-agent-'));
  for (const [file, text] of Object.entries({ 'package.json': JSON.stringify({ name: 'app', type: 'module' }), 'tsconfig.json': TSCONFIG, ...files })) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  symlinkSync(MODULES, path.join(root, 'node_modules'), 'dir');
  // The embedded graph engine may still be flushing right after close: retry.
  return { root, read: (file) => readFileSync(path.join(root, file), 'utf8'), [Symbol.dispose]: () => removeTempDir(root) };
}

/** An edit answer as the model writes it (the agent's JSON edit format). */
export const editAnswer = (edits: object[], summary: string): string => JSON.stringify({ summary, edits });

