import { z } from 'zod';
import type { ModelRuntime } from '../../model/ModelRuntime.js';
import type { PlanStep } from '../types.js';

export const planJsonSchema = {
  type: 'object',
  properties: {
    steps: {
      type: 'array',
      items: {
        type: 'object',
        properties: { action: { enum: ['create', 'change'] }, file: { type: 'string' }, symbol: { type: 'string' }, why: { type: 'string' } },
        required: ['action', 'file', 'symbol', 'why'],
        additionalProperties: false,
      },
    },
  },
  required: ['steps'],
  additionalProperties: false,
} as const;

const planSchema = z.object({ steps: z.array(z.object({ action: z.enum(['create', 'change']), file: z.string(), symbol: z.string(), why: z.string() })).max(20) });

const PLAN_WORDS = 25;

/** Plan first for larger tasks: long prompts that name no file or symbol to focus on. */
export const wantsPlan = (prompt: string, focus: { files: string[]; symbols: string[] }): boolean =>
  focus.files.length === 0 && focus.symbols.length === 0 && prompt.trim().split(/\s+/).length >= PLAN_WORDS;

export interface PlanResult {
  steps: PlanStep[];
  tokens: { prompt: number; completion: number };
  /** Why there is no plan, when the answer could not be used. */
  problem?: string;
}

/** Asks the model for the symbols to create or change (grammar-constrained JSON). */
export async function requestPlan(runtime: ModelRuntime, system: string, message: string, signal?: AbortSignal): Promise<PlanResult> {
  const result = await runtime.generate({ messages: [{ role: 'system', content: system }, { role: 'user', content: message }], grammar: { kind: 'json-schema', schema: planJsonSchema }, maxTokens: 512, signal });
  const tokens = { prompt: result.tokens.prompt, completion: result.tokens.completion };
  try {
    const parsed = planSchema.safeParse(JSON.parse(result.text));
    return parsed.success ? { steps: parsed.data.steps, tokens } : { steps: [], tokens, problem: 'the plan did not match its schema' };
  } catch {
    return { steps: [], tokens, problem: result.stopReason === 'aborted' ? 'aborted' : 'the plan was not complete JSON' };
  }
}
