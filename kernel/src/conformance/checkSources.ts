import { resultOf, type ConformanceIssue, type ConformanceResult } from './types.js';

/** A source file to check. */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
}

interface SourceRule {
  readonly rule: string;
  readonly pattern: RegExp;
  readonly message: string;
}

/** The rules app code (services, controllers, models, jobs) must keep so the twin can run it. */
export const SOURCE_RULES: readonly SourceRule[] = [
  { rule: 'no-direct-clock', pattern: /\bDate\.now\s*\(|\bnew Date\s*\(\s*\)|\bperformance\.now\s*\(/, message: 'reads the real clock; use ports.clock.now()' },
  { rule: 'no-direct-timers', pattern: /(?<![.\w])(setTimeout|setInterval|setImmediate)\s*\(/, message: 'uses a real timer; use ports.clock.setTimer/sleep or the Scheduler' },
  { rule: 'no-direct-random', pattern: /\bMath\.random\s*\(|\brandomBytes\s*\(|\brandomUUID\s*\(|\bgetRandomValues\s*\(/, message: 'uses real randomness; use ports.random' },
  { rule: 'no-direct-io', pattern: /from\s+['"](node:)?(fs|fs\/promises|net|dgram|child_process)['"]/, message: 'does I/O outside the ports; use ports.storage / ports.journal / ports.net' },
  { rule: 'no-direct-fetch', pattern: /(?<![.\w])fetch\s*\(/, message: 'calls fetch directly; use ports.net.fetch' },
  { rule: 'no-cross-tenant-storage', pattern: /\bstorage\s*\.\s*(get|put|delete|list|batch)\s*\(\s*['"`]/, message: 'names a tenant literally in a storage call; use the request\'s TenantStore (ctx.store)' },
];

/**
 * Files the rules do not apply to: tests, twin scenarios, the app's entry point, declarations.
 * @example
 * ```ts
 * isExempt('test/todos.test.ts'); // true
 * isExempt('src/services/todos.ts'); // false
 * ```
 */
export function isExempt(path: string): boolean {
  return /\.(test|spec|twin)\.[cm]?[jt]s$|\.d\.ts$|(^|\/)(main|server)\.[cm]?[jt]s$|(^|\/)test\//.test(path);
}

/**
 * Checks app source against the kernel's rules: nothing nondeterministic outside the ports
 * (clock, timers, randomness, file/network I/O) and no literal tenant names in storage calls.
 * Tests, `*.twin.ts` scenarios and `main.ts` are exempt.
 *
 * @example
 * ```ts
 * const result = checkSources([{ path: 'src/services/todos.ts', text: await readFile('src/services/todos.ts', 'utf8') }]);
 * if (!result.ok) for (const issue of result.issues) console.log(`${issue.file}:${issue.line} ${issue.rule}: ${issue.message}`);
 * ```
 */
export function checkSources(files: readonly SourceFile[]): ConformanceResult {
  const issues: ConformanceIssue[] = [];
  for (const file of files) {
    if (isExempt(file.path)) continue;
    stripComments(file.text)
      .split('\n')
      .forEach((line, index) => {
        for (const rule of SOURCE_RULES) {
          if (rule.pattern.test(line)) issues.push({ rule: rule.rule, message: `${rule.message}: ${line.trim().slice(0, 120)}`, file: file.path, line: index + 1 });
        }
      });
  }
  return resultOf(issues);
}

/** Blanks out comments (keeping newlines, so line numbers stay right). */
function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, (block) => block.replace(/[^\n]/g, ' ')).replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}
