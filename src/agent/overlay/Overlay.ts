import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FileChange } from '../types.js';

/**
 * An in-memory layer over the workspace: reads fall through to the disk, writes stay here.
 * The user's tree is never touched; `materialize()` makes a temp copy for stages that need files.
 */
export class Overlay {
  readonly root: string;
  readonly #written = new Map<string, string>();
  readonly #disk = new Map<string, string | null>();

  constructor(root: string) {
    this.root = root;
  }

  /** The file as the overlay sees it; null when it exists nowhere. */
  read(rel: string): string | null {
    return this.#written.get(rel) ?? this.readDisk(rel);
  }

  /** The file as it is on disk (cached for the overlay's life, so `before` stays stable). */
  readDisk(rel: string): string | null {
    if (!this.#disk.has(rel)) {
      const abs = path.join(this.root, rel);
      this.#disk.set(rel, existsSync(abs) ? readFileSync(abs, 'utf8') : null);
    }
    return this.#disk.get(rel) ?? null;
  }

  write(rel: string, content: string): void {
    this.readDisk(rel);
    this.#written.set(rel, content);
  }

  /** Files written in this overlay (relative paths, sorted). */
  get paths(): string[] {
    return [...this.#written.keys()].sort();
  }

  /** Every file whose overlay content differs from the disk. */
  changes(): FileChange[] {
    return this.paths.flatMap((rel) => {
      const before = this.readDisk(rel);
      const after = this.#written.get(rel) ?? '';
      return before === after ? [] : [{ path: rel, before, after }];
    });
  }
}
