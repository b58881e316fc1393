import { z } from './zod';
import type { WageRefundRecord } from '@/db/schema';
import { WAGE_REFUND_STATUSES } from '@/lib/domain/workflow/wage-refund-workflow';
import { zUscc } from './common';

/**
 * 稳岗返还 免申即享: the social-insurance import's columns, the operators' list and
 * notification inputs, and the enterprise's public confirmation. Shared by forms and server.
 */

/** Column key → header as matched (whitespace and a trailing “(…)” are ignored when matching). */
export const WAGE_REFUND_IMPORT_COLUMNS = {
  uscc: '统一社会信用代码',
  name: '单位名称',
  size: '企业规模',
  avgInsured: '月均参保人数',
  layoffs: '裁员人数',
  premiums: '实缴失业保险费',
  monthsInsured: '连续参保月数',
  seriousDishonesty: '严重失信',
  deregistered: '注销吊销',
  abnormalOperation: '经营异常',
  arrears: '欠费',
  mobile: '联系人手机',
  accountName: '开户名',
  accountNo: '银行账号',
  accountBank: '开户行',
} as const;
export type WageRefundImportColumn = keyof typeof WAGE_REFUND_IMPORT_COLUMNS;

/** The header line of the template, in order, with the hints operators see. */
export const WAGE_REFUND_TEMPLATE_HEADERS = [
  '统一社会信用代码', '单位名称', '企业规模(大型/中小微)', '月均参保人数', '裁员人数', '实缴失业保险费(元)', '连续参保月数',
  '严重失信(是/否)', '注销吊销(是/否)', '经营异常(是/否)', '欠费(是/否)', '联系人手机', '开户名', '银行账号', '开户行',
] as const;

export const WAGE_REFUND_IMPORT_MAX_BYTES = 5 * 1024 * 1024;
export const WAGE_REFUND_IMPORT_MAX_ROWS = 20_000;
export const WAGE_REFUND_PAGE_SIZE = 20;
/** Wrong codes before the confirmation is locked (a new code must then be sent). */
export const WAGE_REFUND_MAX_CODE_ATTEMPTS = 5;

export const SIZE_CLASS_LABELS = { large: '大型企业', sme: '中小微企业' } as const satisfies Record<WageRefundRecord['sizeClass'], string>;
export { WAGE_REFUND_STATUS_LABELS } from '@/lib/domain/workflow/wage-refund-workflow';

export const zPolicyYear = z.coerce
  .number<number | string>({ error: '请选择政策年度' })
  .int('请选择政策年度')
  .min(2020, '政策年度不能早于 2020 年')
  .max(2100, '政策年度无效');

/** A bank account number: 8–30 digits (spaces and hyphens as typed are dropped). */
export const zBankAccountNo = z
  .string()
  .transform((v) => v.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^\d{8,30}$/, '银行账号应为 8 至 30 位数字'));

export const zAccountName = z.string().trim().min(2, '请填写开户名').max(100, '开户名最多 100 个字');
export const zAccountBank = z.string().trim().min(2, '请填写开户行').max(100, '开户行最多 100 个字');

export const ZWageRefundListSchema = z.object({
  policyYear: zPolicyYear,
  q: z.string().trim().max(50).optional(),
  eligible: z.enum(['yes', 'no']).optional(),
  status: z.enum(WAGE_REFUND_STATUSES).optional(),
  page: z.coerce.number<number | string>().int().min(1).max(100_000).default(1),
});
export type TWageRefundList = z.input<typeof ZWageRefundListSchema>;

/** Send codes: without ids, to every eligible enterprise not notified yet; with ids, (re)send to those. */
export const ZWageRefundNotifySchema = z
  .object({ policyYear: zPolicyYear, recordIds: z.array(z.uuid('记录编号无效')).min(1).max(500).optional() })
  .strict();

export const ZWageRefundBatchSchema = z.object({ policyYear: zPolicyYear }).strict();

const zCode = z.string().trim().regex(/^\d{6}$/, '确认码为 6 位数字');

/** The enterprise opens its confirmation with its USCC and the code from the SMS. */
export const ZWageRefundLookupSchema = z.object({ uscc: zUscc, code: zCode }).strict();

/** The enterprise confirms (possibly correcting its size class and account) or declines. */
export const ZWageRefundConfirmSchema = z
  .object({
    uscc: zUscc,
    code: zCode,
    decision: z.enum(['confirm', 'decline'], { error: '请选择确认或放弃' }),
    sizeClass: z.enum(['large', 'sme'], { error: '请选择企业规模' }),
    changeAccount: z.boolean().default(false),
    accountName: z.string().optional(),
    accountNo: z.string().optional(),
    accountBank: z.string().optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.decision !== 'confirm' || !v.changeAccount) return;
    const check = (field: 'accountName' | 'accountNo' | 'accountBank', schema: z.ZodType) => {
      const r = schema.safeParse(v[field] ?? '');
      if (!r.success) ctx.addIssue({ code: 'custom', path: [field], message: r.error.issues[0].message });
    };
    check('accountName', zAccountName);
    check('accountNo', zBankAccountNo);
    check('accountBank', zAccountBank);
  });
export type TWageRefundConfirm = z.input<typeof ZWageRefundConfirmSchema>;

/** 待人社复核: a second HR reviewer accepts or rejects what a confirmation would change, on the version seen. */
export const ZWageRefundReviewSchema = z
  .object({
    recordId: z.uuid('记录编号无效'),
    version: z.coerce.number<number | string>({ error: '请刷新后重试' }).int().min(0),
    decision: z.enum(['accept', 'reject'], { error: '请选择复核意见' }),
    reason: z.string().trim().max(500, '理由最多 500 个字').optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.decision === 'reject' && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: '请填写不通过的理由' });
  });
export type TWageRefundReview = z.input<typeof ZWageRefundReviewSchema>;
