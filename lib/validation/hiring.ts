import { z } from './zod';
import type { HiringFiling, HiringFilingHire } from '@/db/schema';
import { normalizeIdCard } from '@/lib/domain/validators';
import { zIdCardNumber, zUscc } from './common';
import { zAccountBank, zAccountName, zBankAccountNo, zPolicyYear } from './wage-refund';

/** 一次性吸纳就业补贴 / 一次性扩岗补助: the enterprise's filing and HR's decision. */

export const HIRING_SCHEMES = ['absorb', 'expand'] as const;
export const HIRING_SCHEME_LABELS = { absorb: '一次性吸纳就业补贴', expand: '一次性扩岗补助' } as const satisfies Record<HiringFiling['scheme'], string>;
export const HIRE_CATEGORY_OPTIONS = ['graduate', 'youth-unemployed', 'long-term-unemployed', 'hardship'] as const;
export const HIRE_CATEGORY_LABELS = {
  graduate: '高校毕业生',
  'youth-unemployed': '登记失业青年（16–24岁）',
  'long-term-unemployed': '长期失业人员（登记失业6个月以上）',
  hardship: '就业困难人员（脱贫人口等）',
} as const satisfies Record<HiringFilingHire['category'], string>;
export const HIRING_STATUS_LABELS = {
  submitted: '待人社审核',
  approved: '审核通过',
  rejected: '不予通过',
  batched: '已纳入拨付批次',
} as const satisfies Record<HiringFiling['status'], string>;

export const HIRING_MAX_HIRES = 100;
export const HIRING_PAGE_SIZE = 20;

const months = (label: string, min: number) =>
  z.number({ error: `请填写${label}` }).int(`${label}须为整数`).min(min, `${label}不能小于 ${min}`).max(600, `${label}不能超过 600`);

export const ZHireSchema = z.object({
  name: z.string().trim().min(2, '请填写姓名').max(30, '姓名最多 30 个字'),
  idNumber: zIdCardNumber,
  category: z.enum(HIRE_CATEGORY_OPTIONS, { error: '请选择人员类别' }),
  contractMonths: months('劳动合同期限（月）', 1),
  insuredMonths: months('连续参保月数', 0),
});

export const ZHiringFilingSchema = z
  .object({
    policyYear: zPolicyYear,
    scheme: z.enum(HIRING_SCHEMES, { error: '请选择补贴项目' }),
    uscc: zUscc,
    enterpriseName: z.string().trim().min(2, '请填写单位名称').max(100, '单位名称最多 100 个字'),
    accountName: zAccountName,
    accountNo: zBankAccountNo,
    accountBank: zAccountBank,
    hires: z.array(ZHireSchema).min(1, '请至少填写一名招用人员').max(HIRING_MAX_HIRES, `一次最多申报 ${HIRING_MAX_HIRES} 人`),
  })
  .strict()
  .superRefine((v, ctx) => {
    const first = new Map<string, number>();
    v.hires.forEach((h, i) => {
      const id = normalizeIdCard(h.idNumber);
      const prior = first.get(id);
      if (prior !== undefined) ctx.addIssue({ code: 'custom', path: ['hires', i, 'idNumber'], message: `与第 ${prior + 1} 名人员的身份证号重复` });
      else first.set(id, i);
    });
  });
export type THiringFilingInput = z.input<typeof ZHiringFilingSchema>;
export type THiringFiling = z.output<typeof ZHiringFilingSchema>;

export const ZHiringDecisionSchema = z
  .object({
    filingId: z.uuid('申报编号无效'),
    version: z.number().int().min(0),
    decision: z.enum(['approve', 'reject'], { error: '请选择审核结论' }),
    reason: z.string().trim().max(500, '理由不能超过 500 个字').optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.decision === 'reject' && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: '不予通过须填写理由' });
  });

export const ZHiringBatchSchema = z.object({ policyYear: zPolicyYear }).strict();

export const ZHiringQueueSchema = z.object({
  tab: z.enum(['todo', 'all']).default('todo'),
  q: z.string().trim().max(50).optional(),
  policyYear: zPolicyYear.optional(),
  page: z.coerce.number<number | string>().int().min(1).max(100_000).default(1),
});
export type THiringQueue = z.input<typeof ZHiringQueueSchema>;

/** HR confirms a filing's filer as the enterprise's contact. */
export const ZConfirmContactSchema = z.object({ filingId: z.uuid('申报编号无效') }).strict();
