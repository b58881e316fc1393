import { z } from './zod';
import { zIdCardNumber, zMobile } from './common';

/**
 * HR moves a 身份证号 to its owner after checking the person's identity card at the counter:
 * the owner's name and mobile, what was checked, and the confirmation that it was checked in person.
 */
export const ZTransferIdNumberSchema = z
  .object({
    idNumber: zIdCardNumber,
    realName: z
      .string()
      .trim()
      .min(2, '请输入本人真实姓名')
      .max(30, '姓名过长')
      .regex(/^[\u4e00-\u9fa5·A-Za-z\s]+$/, '姓名只能包含汉字、字母和间隔号'),
    mobile: zMobile,
    note: z.string().trim().min(4, '请写明核验情况（如：核验居民身份证原件及人像）').max(500, '说明不超过 500 字'),
    checkedInPerson: z.literal(true, { error: '须当面核验本人居民身份证原件后方可办理' }),
  })
  .strict();
export type TTransferIdNumber = z.input<typeof ZTransferIdNumberSchema>;
