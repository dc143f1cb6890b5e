import type { ReportColors } from '../render/renderReport.js';
import type { AgentEvent } from '../types.js';

/** One line of live progress for an agent event, or undefined for events not worth a line (tokens). */
export function progressLine(event: AgentEvent, c: ReportColors): string | undefined {
  switch (event.type) {
    case 'plan':
      return c.dim(`plan: ${event.steps.map((step) => `${step.action} ${step.symbol}`).join(', ') || '(none)'}`);
    case 'context':
      return c.dim(`context: ${event.items} item(s), ${event.tokens} tokens from ${event.source}${event.omitted > 0 ? `, ${event.omitted} left out` : ''}`);
    case 'attempt-start':
      return c.bold(`attempt ${event.attempt} (seed ${event.seed}, temperature ${event.temperature}): generating…`);
    case 'token':
      return undefined;
    case 'generated':
      return c.dim(`  ${event.tokens} tokens (${event.stopReason})`);
    case 'stage': {
      const outcome = event.outcome;
      if (outcome.status === 'not-run') return undefined;
      if (outcome.status === 'passed') return `  ${c.green('✓')} ${outcome.stage} ${c.dim(`${outcome.ms} ms`)}`;
      if (outcome.status === 'skipped') return `  ${c.yellow('–')} ${outcome.stage}: ${outcome.reason}`;
      return `  ${c.red('✗')} ${outcome.stage}: ${outcome.issues[0]?.message ?? ''}${outcome.issues.length > 1 ? ` (+${outcome.issues.length - 1})` : ''}`;
    }
    case 'attempt-end':
      return event.outcome === 'edit-rejected' ? `  ${c.red('✗')} the answer could not become an edit` : undefined;
    default:
      return event satisfies never;
  }
}
