import { z } from './zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '请选择日期');

export const ZProposeLprSchema = z
  .object({
    effectiveFrom: isoDate,
    ratePercent: z.string().trim().regex(/^\d{1,2}(\.\d{1,4})?$/, '请输入利率（%），最多四位小数'),
    reason: z.string().trim().min(2, '请说明依据（如人民银行公告）').max(300),
  })
  .strict();
export type TProposeLpr = z.infer<typeof ZProposeLprSchema>;

export const ZProposeRuleSetSchema = z.object({ json: z.string().min(2, '请填写规则集 JSON').max(200_000, '内容过大'), reason: z.string().trim().min(2, '请说明依据').max(300) }).strict();

export const ZDecidePolicyChangeSchema = z
  .object({ changeId: z.uuid(), decision: z.enum(['approve', 'reject']), reason: z.string().trim().max(300).optional() })
  .strict()
  .refine((v) => v.decision === 'approve' || !!v.reason, { path: ['reason'], message: '驳回须填写理由' });
