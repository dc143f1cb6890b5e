import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BatchItem, ItemContext, ItemExecutor, ItemOutcome } from '../types.js';

/** What the test executor does on top of appending a line: per-item misbehaviour, by item id. */
export interface AppendExecutorOptions {
  delayMs?: number;
  hang?: ReadonlySet<string>;
  throws?: ReadonlySet<string>;
  fails?: ReadonlySet<string>;
  /** Called when an item starts, with the items running at that moment. */
  onStart?: (item: BatchItem, running: ReadonlySet<string>) => void;
}

/** The line the test executor appends to an item's file. */
export const marker = (item: BatchItem): string => `// batch item ${item.id}\n`;

/**
 * A deterministic stand-in for the agent (the scripted-model rule of the test suite): it "verifies"
 * by appending one marker line to the target file, and records every call.
 */
export function appendExecutor(options: AppendExecutorOptions = {}): ItemExecutor & { calls: Map<string, number> } {
  const calls = new Map<string, number>();
  const running = new Set<string>();
  const executor = async (item: BatchItem, context: ItemContext): Promise<ItemOutcome> => {
    calls.set(item.id, (calls.get(item.id) ?? 0) + 1);
    running.add(item.id);
    options.onStart?.(item, running);
    try {
      if (options.hang?.has(item.id)) await new Promise(() => undefined);
      if (options.delayMs) await sleep(options.delayMs, undefined, { signal: context.signal });
      if (options.throws?.has(item.id)) throw new Error(`executor bug on ${item.id}`);
      const tokens = { prompt: 10, completion: 5 };
      if (options.fails?.has(item.id)) return { status: 'failed', attempts: 2, stages: [{ name: 'types', ok: false, issues: 1 }], tokens, timeMs: 1 };
      const before = await readFile(path.join(context.root, item.target.file), 'utf8');
      const change = { files: [{ path: item.target.file, before, after: before + marker(item) }], diff: '' };
      return { status: 'verified', attempts: 1, stages: [{ name: 'syntax', ok: true, issues: 0 }], change, tokens, timeMs: 1 };
    } finally {
      running.delete(item.id);
    }
  };
  return Object.assign(executor, { calls });
}
