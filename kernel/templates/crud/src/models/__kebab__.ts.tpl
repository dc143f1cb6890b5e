import { defineModel, z, type Infer } from '@krepis/kernel';

/** What a client sends to create or replace a __Name__. */
export const __Name__Input = defineModel('__Name__Input', z.object({
  title: z.string().min(1).max(200),
  notes: z.string().max(2000).default(''),
}));
export type __Name__Input = Infer<typeof __Name__Input>;

/** A stored __Name__. */
export interface __Name__ extends __Name__Input {
  readonly id: string;
  readonly createdAt: number;
  readonly updatedAt: number;
}
