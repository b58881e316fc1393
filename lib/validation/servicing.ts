import { z } from './zod';
import type { LoanEvent, Repayment } from '@/db/schema';
import { isIsoDate } from '@/lib/domain/dates';
import type { PeriodStatus } from '@/lib/domain/rules';

/**
 * Servicing (贷后) inputs, shared by the bank's forms and the server. Amounts are yuan
 * strings (converted to fen with `parseYuan` on the server); dates are ISO days. What
 * depends on the loan (outstanding principal, dates against disbursement and today, the
 * extension limit of the rule set) is checked by the use-cases.
 */

const isoDate = (message = '请选择日期') => z.string().trim().refine(isIsoDate, message);
const id = z.uuid('申请编号无效');
const version = z.number().int().min(0);
/** A non-negative yuan amount with at most two decimals ("0" allowed). */
const yuanOrZero = (label: string) => z.string().trim().regex(/^\d{1,9}(\.\d{1,2})?$/, `请输入${label}（元），最多两位小数`);
const yuanPositive = (label: string) => yuanOrZero(label).refine((v) => Number(v) > 0, `${label}须大于 0`);
const note = (required: string | null) =>
  required ? z.string().trim().min(2, required).max(500, '说明最多 500 字') : z.string().trim().max(500, '说明最多 500 字').optional();

/** Is a yuan text zero ("0", "0.0", "0.00")? */
const isZero = (v: string) => /^0+(\.0{1,2})?$/.test(v.trim());

export const BANK_REF_MAX = 64;
export const zBankRef = z
  .string()
  .trim()
  .min(1, '请填写银行流水号')
  .max(BANK_REF_MAX, `银行流水号最多 ${BANK_REF_MAX} 个字符`)
  .regex(/^[\w\-./:#]+$/, '银行流水号只能包含字母、数字和 - _ . / : #');

/** 登记还款: principal and/or interest; a repayment while overdue cures the loan. */
export const ZRecordRepaymentSchema = z
  .object({
    applicationId: id,
    version,
    repaidOn: isoDate('请选择还款日期'),
    principal: yuanOrZero('还款本金'),
    interest: yuanOrZero('还款利息'),
    bankRef: zBankRef,
  })
  .strict()
  .refine((v) => !(isZero(v.principal) && isZero(v.interest)), { path: ['principal'], message: '还款本金和利息不能都为 0' });
export type TRecordRepayment = z.input<typeof ZRecordRepaymentSchema>;

/** 标记逾期. */
export const ZMarkLoanOverdueSchema = z
  .object({ applicationId: id, version, effectiveDate: isoDate('请选择逾期起始日'), note: note(null) })
  .strict();
export type TMarkLoanOverdue = z.input<typeof ZMarkLoanOverdueSchema>;

/** 办理展期: once, at most the rule set's months (12) beyond the original maturity, without subsidy. */
export const ZExtendLoanSchema = z
  .object({ applicationId: id, version, newMaturityDate: isoDate('请选择展期后的到期日'), note: note('请填写展期原因') })
  .strict();
export type TExtendLoan = z.input<typeof ZExtendLoanSchema>;

/** 结清 (when the outstanding principal is already zero). */
export const ZSettleLoanSchema = z.object({ applicationId: id, version, settledOn: isoDate('请选择结清日期') }).strict();
export type TSettleLoan = z.input<typeof ZSettleLoanSchema>;

/** 认定违约 (from overdue). */
export const ZDeclareLoanDefaultSchema = z
  .object({ applicationId: id, version, effectiveDate: isoDate('请选择违约认定日期'), note: note('请填写违约认定理由') })
  .strict();
export type TDeclareLoanDefault = z.input<typeof ZDeclareLoanDefaultSchema>;

/** 代偿 by the guarantee fund (from defaulted). */
export const ZRecordCompensationSchema = z
  .object({ applicationId: id, version, effectiveDate: isoDate('请选择代偿日期'), amount: yuanPositive('代偿金额') })
  .strict();
export type TRecordCompensation = z.input<typeof ZRecordCompensationSchema>;

/** The columns of a repayment file from the bank (header row required, order free). */
export const REPAYMENT_IMPORT_COLUMNS = {
  drawdownNo: '借据号',
  repaidOn: '还款日期',
  principal: '还款本金',
  interest: '还款利息',
  bankRef: '银行流水号',
} as const;
export type RepaymentImportColumn = keyof typeof REPAYMENT_IMPORT_COLUMNS;

export const REPAYMENT_IMPORT_MAX_ROWS = 10_000;
export const REPAYMENT_IMPORT_MAX_BYTES = 5 * 1024 * 1024;

/** One refusal reason of an import: the file's row number (header = row 1) and column. */
export interface ImportRowError {
  row: number;
  column: string;
  message: string;
}

export const LOAN_EVENT_LABELS = {
  overdue: '逾期',
  cured: '逾期消除',
  extended: '展期',
  settled: '结清',
  defaulted: '认定违约',
  compensated: '担保代偿',
} as const satisfies Record<LoanEvent['kind'], string>;

export const PERIOD_STATUS_LABELS = { closed: '已结息', current: '计息中', future: '未到期' } as const satisfies Record<PeriodStatus, string>;

export const REPAYMENT_SOURCE_LABELS = { manual: '手工登记', import: '文件导入', api: '银行接口' } as const satisfies Record<Repayment['source'], string>;
