import { defineModel, z, type Infer } from '@krepis/kernel';

/** __Name__: edit the fields; `parse` throws a 400 listing every problem. */
export const __Name__ = defineModel('__Name__', z.object({
  name: z.string().min(1).max(200),
  tags: z.array(z.string().max(50)).max(20).default([]),
}));
export type __Name__ = Infer<typeof __Name__>;
