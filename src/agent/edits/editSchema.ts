import { z } from 'zod';
import type { Issue } from '../types.js';

/**
 * The edit format: whole units, never diffs. `symbol` creates or replaces one top-level
 * declaration (or `Class.method`) in a file; `file` creates or replaces a whole file. Small
 * models write whole units far more reliably than hunks that must match byte for byte.
 */
export const editAnswerJsonSchema = {
  type: 'object',
  properties: {
    summary: { type: 'string' },
    edits: {
      type: 'array',
      minItems: 1,
      items: {
        oneOf: [
          {
            type: 'object',
            properties: { kind: { const: 'symbol' }, file: { type: 'string' }, symbol: { type: 'string' }, code: { type: 'string' } },
            required: ['kind', 'file', 'symbol', 'code'],
            additionalProperties: false,
          },
          {
            type: 'object',
            properties: { kind: { const: 'file' }, file: { type: 'string' }, code: { type: 'string' } },
            required: ['kind', 'file', 'code'],
            additionalProperties: false,
          },
        ],
      },
    },
  },
  required: ['summary', 'edits'],
  additionalProperties: false,
} as const;

const symbolEdit = z.strictObject({ kind: z.literal('symbol'), file: z.string(), symbol: z.string().min(1), code: z.string() });
const fileEdit = z.strictObject({ kind: z.literal('file'), file: z.string(), code: z.string() });
export const editAnswerSchema = z.strictObject({ summary: z.string(), edits: z.array(z.discriminatedUnion('kind', [symbolEdit, fileEdit])).min(1) });

export type Edit = z.infer<typeof symbolEdit> | z.infer<typeof fileEdit>;
export type EditAnswer = z.infer<typeof editAnswerSchema>;

const answerIssue = (message: string): Issue => ({ file: '(answer)', line: 0, message });

/** Parses the model's answer; an empty, cut-off or malformed answer is an issue, not a crash. */
export function parseEditAnswer(text: string, stopReason: string): { ok: true; answer: EditAnswer } | { ok: false; issues: Issue[] } {
  if (text.trim() === '') return { ok: false, issues: [answerIssue('the answer was empty: reply with the JSON edit object')] };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const cut = stopReason === 'max-tokens' ? ' (it stopped at the token limit: keep edits smaller, one symbol each)' : '';
    return { ok: false, issues: [answerIssue(`the answer is not complete JSON${cut}`)] };
  }
  const parsed = editAnswerSchema.safeParse(value);
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.slice(0, 5).map((issue) => answerIssue(`edit format: ${issue.path.join('.') || '(root)'}: ${issue.message}`)) };
  }
  return { ok: true, answer: parsed.data };
}
