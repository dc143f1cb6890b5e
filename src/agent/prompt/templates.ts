import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type TemplateName = 'system' | 'task' | 'feedback' | 'plan' | 'conventions';

/** prompts/ beside the Krepis package.json, found from src/ or dist/. */
function promptsDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'prompts', 'system.md'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('Krepis prompts/ folder not found beside package.json');
    dir = parent;
  }
  return path.join(dir, 'prompts');
}

const cache = new Map<TemplateName, string>();

export function loadTemplate(name: TemplateName): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(path.join(promptsDir(), `${name}.md`), 'utf8');
    cache.set(name, text);
  }
  return text;
}

/** Fills `{{name}}` placeholders; a placeholder without a value is a bug, so it throws. */
export function renderTemplate(name: TemplateName, values: Record<string, string>): string {
  return loadTemplate(name).replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`prompt template ${name}.md needs a value for {{${key}}}`);
    return value;
  });
}
