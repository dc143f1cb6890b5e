import { glob } from 'tinyglobby';
import type { ModelRuntime } from '../../model/ModelRuntime.js';
import { resolveWorkspacePath } from '../edits/workspacePath.js';
import type { Overlay } from '../overlay/Overlay.js';
import type { PlanStep } from '../types.js';
import type { ContextItem, TriStorePort } from './TriStorePort.js';

export interface GatheredContext {
  /** `tristore`: lazy context from the index; `focus-files`: the named files in full; `file-list`: only the project's file names. */
  source: 'tristore' | 'focus-files' | 'file-list';
  items: ContextItem[];
  omitted: { name: string; reason: string }[];
  tokens: number;
}

export interface GatherOptions {
  prompt: string;
  focusFiles: string[];
  focusSymbols: string[];
  plan: PlanStep[];
  budget: number;
  overlay: Overlay;
  runtime: ModelRuntime;
  tristore?: TriStorePort;
}

const omittedOf = (raw: unknown): { name: string; reason: string }[] =>
  Array.isArray(raw) ? raw.map((entry: { name?: string; symbol?: string; file?: string; reason?: string }) => ({ name: entry.name ?? entry.symbol ?? entry.file ?? '?', reason: entry.reason ?? 'budget' })) : typeof raw === 'number' && raw > 0 ? [{ name: `${raw} item(s)`, reason: 'budget' }] : [];

/** Focus files in full, in order, until the budget is spent; the rest named as omitted. */
async function fromFiles(options: GatherOptions, files: string[]): Promise<GatheredContext> {
  const items: ContextItem[] = [];
  const omitted: { name: string; reason: string }[] = [];
  let tokens = 0;
  for (const file of files) {
    const target = resolveWorkspacePath(options.overlay.root, file);
    const text = target.ok ? options.overlay.read(target.rel) : null;
    if (!target.ok || text === null) {
      omitted.push({ name: file, reason: target.ok ? 'does not exist yet' : target.reason });
      continue;
    }
    const count = await options.runtime.countTokens(text);
    if (tokens + count > options.budget) omitted.push({ name: target.rel, reason: `budget (${count} tokens)` });
    else {
      items.push({ symbol: target.rel, file: target.rel, mode: 'implementer', text, tokens: count });
      tokens += count;
    }
  }
  return { source: 'focus-files', items, omitted, tokens };
}

async function fileList(options: GatherOptions): Promise<GatheredContext> {
  const files = await glob(['**/*.{ts,tsx,mts}'], { cwd: options.overlay.root, ignore: ['**/node_modules/**', '**/dist/**', '.krepis/**', '**/*.d.ts'] });
  const listed = files.sort().slice(0, 200);
  const text = `Project files:\n${listed.join('\n')}${files.length > listed.length ? `\n(${files.length - listed.length} more not listed)` : ''}`;
  const tokens = await options.runtime.countTokens(text);
  return { source: 'file-list', items: [{ symbol: '(files)', file: '.', mode: 'caller', text, tokens }], omitted: [], tokens };
}

/**
 * The context the model sees: lazy Tri-Store context when there is a store (caller vs implementer
 * mode), else the focus files in full, else the file list. Never silently truncated.
 */
export async function gatherContext(options: GatherOptions): Promise<GatheredContext> {
  const planFiles = options.plan.filter((step) => step.action === 'change').map((step) => step.file);
  const implement = [...options.focusSymbols, ...options.plan.map((step) => step.symbol)];
  if (options.tristore) {
    const assembled = await options.tristore.assembleContext(options.prompt, {
      budget: options.budget,
      countTokens: (text) => options.runtime.countTokens(text),
      focusFiles: [...options.focusFiles, ...planFiles],
      focusSymbols: options.focusSymbols,
      implement,
    });
    return { source: 'tristore', items: assembled.items, omitted: omittedOf(assembled.omitted), tokens: assembled.totalTokens };
  }
  const files = [...new Set([...options.focusFiles, ...planFiles])];
  return files.length > 0 ? fromFiles(options, files) : fileList(options);
}
