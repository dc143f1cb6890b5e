import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'prompts')) || !existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('Krepis package root not found (no prompts/ beside package.json)');
    dir = parent;
  }
  return dir;
}

/** The installed Krepis package's root (holds prompts/, models/, package.json), from src/ or dist/. */
export const packageRoot: string = findRoot();
