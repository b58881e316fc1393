import { z } from 'zod';

export const ZSetUserStatusSchema = z
  .object({
    userId: z.uuid('用户编号无效'),
    status: z.enum(['active', 'disabled'], { error: '状态无效' }),
  })
  .strict();
export type TSetUserStatus = z.infer<typeof ZSetUserStatusSchema>;
