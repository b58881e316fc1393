import { zBankAccountNo } from './wage-refund';
import { z } from './zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '请选择日期');
const yuan = (label: string) => z.string().trim().regex(/^\d{1,9}(\.\d{1,2})?$/, `请输入${label}（元），最多两位小数`).refine((v) => Number(v) > 0, `${label}须大于 0`);

/** The bank records the signed contract; the engine checks the rate against the cap. */
export const ZRecordContractSchema = z
  .object({
    applicationId: z.uuid('申请编号无效'),
    version: z.number().int().min(0),
    contractNo: z.string().trim().min(3, '请填写合同编号').max(50, '合同编号过长'),
    principal: yuan('合同金额'),
    annualRate: z.string().trim().regex(/^\d{1,2}(\.\d{1,4})?$/, '请输入年利率（%），最多四位小数'),
    termMonths: z.coerce.number<number>({ error: '请输入贷款期限' }).int('期限须为整月').min(1, '期限至少 1 个月').max(36, '期限最长 36 个月'),
    contractDate: isoDate,
  })
  .strict();
export type TRecordContract = z.input<typeof ZRecordContractSchema>;

export const ZRecordDisbursementSchema = z
  .object({
    applicationId: z.uuid('申请编号无效'),
    version: z.number().int().min(0),
    disbursedDate: isoDate,
    amount: yuan('放款金额'),
    drawdownNo: z.string().trim().min(3, '请填写借据号').max(50, '借据号过长'),
    payoutAccount: z.string({ error: '请填写收款账号' }).pipe(zBankAccountNo),
  })
  .strict();
export type TRecordDisbursement = z.input<typeof ZRecordDisbursementSchema>;
