import type { JobMeta, JobStore } from './JobStore.js';
import type { BatchItem, ItemState } from './types.js';

/** One item in a job report. */
export interface ItemReport {
  id: string;
  target: string;
  status: ItemState;
  attempts: number;
  runs: number;
  stages: { name: string; ok: boolean; issues: number }[];
  diff?: { files: number; additions: number; deletions: number };
  tokens: number;
  timeMs: number;
  error?: { code: string; message: string; hint?: string };
  commit?: string;
}

/** A job report, fit to be a CI artifact. */
export interface JobReport {
  job: { id: string; instruction: string; apply: string; total: number; createdAt: string; finishedAt?: string };
  counts: Record<ItemState, number>;
  tokens: number;
  items: ItemReport[];
}

const targetName = (item: BatchItem): string => (item.target.kind === 'symbol' ? `${item.target.file}#${item.target.symbol}` : item.target.file);

function itemReport(item: BatchItem): ItemReport {
  return {
    id: item.id,
    target: targetName(item),
    status: item.state,
    attempts: item.attempts,
    runs: item.runs,
    stages: item.stages,
    ...(item.diffStats ? { diff: item.diffStats } : {}),
    tokens: item.tokens.prompt + item.tokens.completion,
    timeMs: item.timeMs,
    ...(item.error ? { error: item.error } : {}),
    ...(item.commit ? { commit: item.commit } : {}),
  };
}

/** Reads every item of a job into its report. */
export async function buildReport(store: JobStore): Promise<JobReport> {
  const meta: JobMeta = store.meta;
  const counts: Record<ItemState, number> = { pending: 0, running: 0, verified: 0, failed: 0, applied: 0 };
  const items: ItemReport[] = [];
  let tokens = 0;
  for await (const item of store.items()) {
    counts[item.state] += 1;
    tokens += item.tokens.prompt + item.tokens.completion;
    items.push(itemReport(item));
  }
  const job = { id: meta.id, instruction: meta.spec.instruction, apply: meta.spec.apply, total: meta.total, createdAt: meta.createdAt, ...(meta.finishedAt ? { finishedAt: meta.finishedAt } : {}) };
  return { job, counts, tokens, items };
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const stagesCell = (item: ItemReport): string => (item.stages.length === 0 ? '—' : item.stages.map((stage) => `${stage.ok ? '✓' : '✗'} ${stage.name}`).join(', '));
const diffCell = (item: ItemReport): string => (item.diff ? `${item.diff.files} files +${item.diff.additions} −${item.diff.deletions}` : '—');

/** The report as Markdown: a summary line, then one table row per item. */
export function renderMarkdown(report: JobReport): string {
  const c = report.counts;
  const lines = [
    `# Batch job ${report.job.id}`,
    '',
    `> ${cell(report.job.instruction)}`,
    '',
    `Mode \`${report.job.apply}\` · ${report.job.total} items · ${c.applied} applied · ${c.verified} verified · ${c.failed} failed · ${c.pending + c.running} unfinished · ${report.tokens} tokens`,
    '',
    '| # | target | status | attempts | stages | diff | error |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const item of report.items) {
    const error = item.error ? `\`${item.error.code}\` ${cell(item.error.message)}` : '';
    lines.push(`| ${item.id} | \`${cell(item.target)}\` | ${item.status} | ${item.attempts} | ${stagesCell(item)} | ${diffCell(item)} | ${error} |`);
  }
  return `${lines.join('\n')}\n`;
}
