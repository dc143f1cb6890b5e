import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import type { Check } from '@krepis/kernel';

const TAG = /@invariant\s+(.+?)\s*(?:\*\/|$)/gm;

/** One `@invariant <expression>` JSDoc tag found in a scenario's source files. */
export interface InvariantTag {
  name: string;
  expression: string;
  file: string;
  line: number;
}

/** Every `@invariant` tag in `files` (the scenario file and the local modules it loaded). */
export function findInvariantTags(files: Iterable<string>): InvariantTag[] {
  const tags: InvariantTag[] = [];
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(TAG)) {
      const expression = (match[1] ?? '').trim();
      if (!expression) continue;
      const line = source.slice(0, match.index).split('\n').length;
      tags.push({ name: `@invariant ${expression} (${path.basename(file)}:${line})`, expression, file, line });
    }
  }
  return tags;
}

/**
 * Turns tags into invariants checked after every step: each expression is evaluated in the
 * scenario's vm context with `app` (what setup returned) and `view` (the StateView) in scope.
 *
 * @example
 * ```ts
 * /** @invariant app.accounts.every((account) => account.balance >= 0) *\/
 * export function createBank(ports: Ports) { … }
 * ```
 */
export function tagInvariants(tags: readonly InvariantTag[], context: vm.Context): Record<string, Check<unknown>> {
  const checks: Record<string, Check<unknown>> = {};
  for (const tag of tags) {
    const evaluate = vm.compileFunction(`return (${tag.expression});`, ['app', 'view'], { parsingContext: context, contextExtensions: [] }) as (app: unknown, view: unknown) => unknown;
    checks[tag.name] = (app, view) => Boolean(evaluate(app, view));
  }
  return checks;
}
