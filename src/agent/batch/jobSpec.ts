import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { BatchError, BatchErrorCode } from './errors.js';

const stageNames = ['syntax', 'types', 'hallucination', 'conventions', 'tests', 'twin', 'conformance'] as const;
const globs = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

/** Symbol selection: symbols of the matched files, narrowed by kind, export and JSDoc presence. */
export const symbolQuerySchema = z.strictObject({
  /** Files to look in (glob or globs). */
  files: globs,
  /** Only these kinds. Default: functions. */
  kinds: z.array(z.enum(['function', 'class', 'interface', 'type', 'variable'])).min(1).default(['function']),
  /** Only exported symbols. Default true. */
  exported: z.boolean().default(true),
  /** `true`: only symbols without JSDoc; `false`: only with. Default: either. */
  missingJsDoc: z.boolean().optional(),
  /** Only symbols whose name matches this regular expression. */
  name: z.string().min(1).optional(),
});

/** A batch job: one verified agent task per target. */
export const jobSpecSchema = z.strictObject({
  /** What each agent does to its target, in plain words. */
  instruction: z.string().trim().min(1),
  /** What to work on: every file matching a glob, or every symbol a query selects. */
  targets: z.union([z.strictObject({ files: globs }), z.strictObject({ symbols: symbolQuerySchema })]),
  /** Attempts per item. Default: the config's `agent.attempts`. */
  attempts: z.number().int().positive().optional(),
  /** Verification stages. Default: every stage. */
  stages: z.array(z.enum(stageNames)).min(1).optional(),
  /** Agents at once. Default: the config's `batch.concurrency`. */
  concurrency: z.number().int().positive().max(256).optional(),
  /** `report` (write nothing), `apply`, `commit-per-item`, or `branch` (commits on `krepis/batch/<id>`). Default `report`. */
  apply: z.enum(['report', 'apply', 'commit-per-item', 'branch']).default('report'),
  /** Time limit per item, in ms. Default 600000. */
  itemTimeoutMs: z.number().int().positive().default(600_000),
  /** Evaluate each verified module in an isolate (imports stubbed) before applying it; `false` to skip. Default: 5000 ms, 128 MB. */
  isolation: z
    .union([z.literal(false), z.strictObject({ timeoutMs: z.number().int().positive().default(5000), memoryMb: z.number().int().min(8).default(128) })])
    .default({ timeoutMs: 5000, memoryMb: 128 }),
  /** Let the agent edit test files. Default false. */
  allowTestEdits: z.boolean().default(false),
});

export type JobSpec = z.output<typeof jobSpecSchema>;
export type JobSpecInput = z.input<typeof jobSpecSchema>;
export type SymbolQuery = z.output<typeof symbolQuerySchema>;

/** Validates a job spec, with an error naming every bad field. */
export function parseJobSpec(value: unknown, source = 'job spec'): JobSpec {
  const parsed = jobSpecSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`);
  throw new BatchError(BatchErrorCode.jobFileInvalid, `Invalid ${source}: ${problems.join('; ')}`, {
    kind: 'usage',
    hint: 'Fix the named fields; a job needs `instruction` and `targets: { files: "<glob>" }` or `targets: { symbols: { files: "<glob>" } }`.',
    details: { issues: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })) },
  });
}

/** Reads and validates a job file (`.yaml`, `.yml` or `.json`). */
export async function loadJobSpec(file: string): Promise<JobSpec> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new BatchError(BatchErrorCode.jobFileMissing, `Cannot read job file ${file}: ${(cause as Error).message}`, {
      kind: 'usage',
      hint: 'Check the path; a job file is YAML or JSON with `instruction` and `targets`.',
      cause,
    });
  }
  let value: unknown;
  try {
    value = path.extname(file) === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (cause) {
    throw new BatchError(BatchErrorCode.jobFileInvalid, `Job file ${file} is not valid ${path.extname(file) === '.json' ? 'JSON' : 'YAML'}: ${(cause as Error).message.split('\n')[0]}`, {
      kind: 'usage',
      hint: 'Fix the syntax at the position named above.',
      cause,
    });
  }
  return parseJobSpec(value, `job file ${file}`);
}
