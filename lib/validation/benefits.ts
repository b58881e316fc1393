import { z } from './zod';

export const BENEFIT_ITEMS = ['training', 'feeWaiver', 'rentWaiver', 'interestSubsidy', 'insuranceSubsidy', 'projectRecommendation', 'jobRecommendation'] as const;
export type BenefitItem = (typeof BENEFIT_ITEMS)[number];

/** Which catalogue an item draws from, if any. */
export const BENEFIT_CATALOG: Partial<Record<BenefitItem, 'training_course' | 'industry_project' | 'job'>> = {
  training: 'training_course',
  projectRecommendation: 'industry_project',
  jobRecommendation: 'job',
};

export const ZDecideBenefitSchema = z
  .object({
    applicationId: z.uuid(),
    item: z.enum(BENEFIT_ITEMS),
    granted: z.boolean(),
    rentMonths: z.number().int().min(0).max(36).optional(),
    catalogItemIds: z.array(z.number().int().positive()).max(10).optional(),
    note: z.string().trim().max(300, '说明不能超过 300 个字').optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (!v.granted && !v.note) ctx.addIssue({ code: 'custom', path: ['note'], message: '不予支持须说明理由' });
  });

export const ZSaveCatalogItemSchema = z
  .object({
    id: z.number().int().positive().optional(),
    kind: z.enum(['training_course', 'industry_project', 'job']),
    name: z.string().trim().min(2, '请填写名称').max(100),
    description: z.string().trim().max(300).default(''),
    active: z.boolean().default(true),
  })
  .strict();
