import { z } from './zod';
import { PII_REVEAL_FIELDS, PII_REVEAL_REASON_CODES, type PiiRevealField } from '@/lib/domain/pii-reveal-reasons';

export const ZReturnItemSchema = z.object({
  field: z.string().trim().min(1, '请选择需补正的事项').max(100),
  note: z.string().trim().min(2, '请说明需要如何补正').max(200, '说明不能超过 200 个字'),
});

/** A reviewer's decision at one stage. `version` is the one the reviewer saw: stale decisions conflict. */
export const ZReviewDecisionSchema = z
  .object({
    applicationId: z.uuid('申请编号无效'),
    version: z.number().int().min(0),
    decision: z.enum(['approve', 'reject', 'return'], { error: '请选择审核结论' }),
    reason: z.string().trim().max(500, '理由不能超过 500 个字').optional(),
    items: z.array(ZReturnItemSchema).max(30).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.decision === 'reject' && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: '不予通过须填写理由' });
    if (v.decision === 'return' && !v.items?.length) ctx.addIssue({ code: 'custom', path: ['items'], message: '退回补正须一次性列出全部需补正的事项' });
  });
export type TReviewDecision = z.infer<typeof ZReviewDecisionSchema>;

/**
 * 查看完整号码: which number, of which application, and why — a reason from the list and the
 * reviewer's own words, both written to the audit row the auditor reads.
 */
export const ZRevealPersonalDataSchema = z
  .object({
    applicationId: z.uuid('申请编号无效'),
    field: z.enum(Object.keys(PII_REVEAL_FIELDS) as [PiiRevealField, ...PiiRevealField[]], { error: '请选择要查看的信息' }),
    reasonCode: z.enum(PII_REVEAL_REASON_CODES, { error: '请选择查看原因' }),
    reasonText: z.string({ error: '请说明查看的具体原因' }).trim().min(4, '请说明查看的具体原因（至少 4 个字）').max(200, '说明不能超过 200 个字'),
  })
  .strict();
export type TRevealPersonalData = z.input<typeof ZRevealPersonalDataSchema>;
