import type { z } from 'zod';
import { BadRequestError } from '../errors/index.js';

/** A named, validated schema (zod) for request bodies and stored documents. */
export interface Model<S extends z.ZodType = z.ZodType> {
  readonly kind: 'model';
  readonly name: string;
  readonly schema: S;
  /** Parses `input` or throws a 400 {@link BadRequestError} listing every issue. */
  parse(input: unknown): z.output<S>;
  /** Parses `input`; failure is a value. */
  safeParse(input: unknown): { ok: true; value: z.output<S> } | { ok: false; issues: { path: string; message: string }[] };
}

/** The TypeScript type a {@link Model} validates. @example `type Todo = Infer<typeof TodoModel>;` */
export type Infer<M> = M extends Model<infer S> ? z.output<S> : never;

/**
 * Defines a model from a zod schema (`z` is re-exported by the kernel).
 *
 * @example
 * ```ts
 * import { defineModel, z, type Infer } from '@krepis/kernel';
 *
 * export const TodoInput = defineModel('TodoInput', z.object({
 *   title: z.string().min(1).max(200),
 *   done: z.boolean().default(false),
 * }));
 * export type TodoInput = Infer<typeof TodoInput>;
 * TodoInput.parse({ title: 'ship it' }); // { title: 'ship it', done: false }
 * ```
 */
export function defineModel<S extends z.ZodType>(name: string, schema: S): Model<S> {
  const safeParse = (input: unknown) => {
    const result = schema.safeParse(input);
    if (result.success) return { ok: true as const, value: result.data };
    return { ok: false as const, issues: result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })) };
  };
  return {
    kind: 'model',
    name,
    schema,
    safeParse,
    parse(input) {
      const result = safeParse(input);
      if (result.ok) return result.value;
      const summary = result.issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('; ');
      throw new BadRequestError(`invalid ${name}: ${summary}`, { details: { issues: result.issues } }, 'KREPIS_KERNEL_INVALID_BODY');
    },
  };
}
