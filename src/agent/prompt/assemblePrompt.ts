import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { GatheredContext } from '../context/gatherContext.js';
import type { Issue, PlanStep, StageName } from '../types.js';
import { kernelExamples, renderKernelReference } from './kernelReference.js';
import { loadTemplate, renderTemplate } from './templates.js';

/** Room for the kernel reference in the system prompt (characters, ~4 per token). */
const KERNEL_REFERENCE_CHARS = 8000;
const CONVENTION_FILES = ['.krepis/conventions.md', 'CONVENTIONS.md'];

/** The project's own conventions file when it has one, else Krepis's defaults. */
function projectConventions(root: string): string {
  const file = CONVENTION_FILES.map((name) => path.join(root, name)).find((candidate) => existsSync(candidate));
  return (file ? readFileSync(file, 'utf8') : loadTemplate('conventions')).trim();
}

/** The stable system prefix: the same for every attempt of every task in a project, so the runtime reuses its evaluation. */
export function buildSystemPrompt(root: string): string {
  const reference = renderKernelReference(kernelExamples(root), KERNEL_REFERENCE_CHARS);
  return renderTemplate('system', { kernelReference: reference.text, conventions: projectConventions(root) }).trim();
}

function renderContext(context: GatheredContext): string {
  if (context.items.length === 0) return '(no context found for this task)';
  return context.items.map((item) => `## ${item.mode === 'implementer' ? 'change' : item.mode === 'test' ? 'test' : 'uses'}: ${item.symbol} (${item.file})\n\`\`\`ts\n${item.text.trim()}\n\`\`\``).join('\n\n');
}

const renderOmitted = (context: GatheredContext): string =>
  context.omitted.length === 0 ? '' : `Left out of the context (ask for them by naming the file or symbol in your summary if you need them): ${context.omitted.map((entry) => `${entry.name} (${entry.reason})`).join(', ')}\n`;

function renderFocus(focus: { files: string[]; symbols: string[] }): string {
  const parts = [focus.files.length > 0 ? `Files: ${focus.files.join(', ')}` : '', focus.symbols.length > 0 ? `Symbols: ${focus.symbols.join(', ')}` : ''].filter(Boolean);
  return parts.length > 0 ? `\nFocus: ${parts.join('; ')}\n` : '';
}

const renderPlan = (plan: readonly PlanStep[]): string =>
  plan.length === 0 ? '' : `\nPlan:\n${plan.map((step, index) => `${index + 1}. ${step.action} ${step.symbol} in ${step.file}: ${step.why}`).join('\n')}\n`;

/** The first user message: the task, its focus and plan, and the assembled context. */
export function buildTaskMessage(prompt: string, focus: { files: string[]; symbols: string[] }, plan: readonly PlanStep[], context: GatheredContext): string {
  return renderTemplate('task', { prompt: prompt.trim(), focus: renderFocus(focus), plan: renderPlan(plan), context: renderContext(context), omitted: renderOmitted(context) }).trim();
}

export function buildPlanMessage(prompt: string, context: GatheredContext): string {
  return renderTemplate('plan', { prompt: prompt.trim(), context: renderContext(context) }).trim();
}

/** The failing line and its neighbours, from the overlay. */
function excerpt(read: (file: string) => string | null, issue: Issue): string {
  const text = issue.line > 0 ? read(issue.file) : null;
  if (!text) return '';
  const lines = text.split('\n');
  const from = Math.max(0, issue.line - 2);
  return lines.slice(from, issue.line + 1).map((line, index) => `${String(from + index + 1).padStart(4)}${from + index + 1 === issue.line ? ' >' : '  '} ${line}`).join('\n');
}

const MAX_ISSUES = 8;

/** Concise feedback: issues deduplicated, each with its failing excerpt (or twin trace), at most a handful. */
export function buildFeedback(attempt: number, stage: StageName | 'edit', issues: readonly Issue[], read: (file: string) => string | null): string {
  const unique = [...new Map(issues.map((issue) => [`${issue.file}:${issue.line}:${issue.message}`, issue])).values()];
  const shown = unique.slice(0, MAX_ISSUES).map((issue) => {
    const where = issue.line > 0 ? `${issue.file}:${issue.line}` : issue.file;
    const context = issue.trace ?? excerpt(read, issue);
    return `- ${where}: ${issue.message}${context ? `\n${context.replace(/^/gm, '    ')}` : ''}`;
  });
  if (unique.length > shown.length) shown.push(`- (${unique.length - shown.length} more like these)`);
  return renderTemplate('feedback', { attempt: String(attempt), stage: stage === 'edit' ? 'edit format' : stage, issues: shown.join('\n') }).trim();
}
