import type { Db } from '@/db/client';
import { createDraftApplication } from '@/lib/server/applications/create-draft-application';
import { submitApplication } from '@/lib/server/applications/submit-application';
import { decideApplication } from '@/lib/server/review/decide-application';
import { recordContract } from '@/lib/server/review/record-contract';
import { recordDisbursement } from '@/lib/server/review/record-disbursement';
import { attachDocuments, registerTestApplicant, stateOf, validForm } from './application-fixtures';
import type { Cast } from './workflow-fixtures';

export interface LoanSpec {
  bank?: 'ABC' | 'CQRCB';
  enterprise?: boolean;
  principal?: string;
  rate?: string;
  termMonths?: number;
  contractDate: string;
  disbursedDate: string;
}

/** A disbursed loan walked through the real use-cases (HR → guarantee → bank → contract → disbursement). */
export async function disbursedLoan(db: Db, cast: Cast, s: LoanSpec): Promise<string> {
  const bank = s.bank === 'CQRCB' ? cast.otherBank : cast.bank;
  const applicant = await registerTestApplicant(db, s.enterprise ? '企业法人' : '贴息借款人');
  const loanType = s.enterprise ? 'enterprise' : 'individual';
  const { applicationId: id } = await createDraftApplication(db, applicant, { loanType });
  await attachDocuments(db, id, applicant.userId);
  const principal = s.principal ?? '300000';
  const form = validForm((f) => {
    f.loanType = loanType;
    f.loan.bankCode = s.bank === 'CQRCB' ? 'BANK-CQRCB-KZ' : 'BANK-ABC-KZ';
    f.loan.amount = principal;
    f.loan.termMonths = s.termMonths ?? 36;
    // No 三免两贴两推荐 items asked for: HR has nothing to decide item by item.
    for (const k of Object.keys(f.benefits) as (keyof typeof f.benefits)[]) if (typeof f.benefits[k] === 'boolean') (f.benefits as Record<string, unknown>)[k] = false;
    if (s.enterprise) {
      f.business.uscc = '91350100M000100Y43';
      f.business.name = '开州区贴息测试有限公司';
      f.business.currentStaff = 10;
      f.business.newHires = 3;
    }
  });
  await submitApplication(db, applicant, { applicationId: id, form });
  for (const who of [cast.hr, cast.guarantee, bank]) await decideApplication(db, who, { applicationId: id, version: (await stateOf(db, id)).version, decision: 'approve' });
  await recordContract(db, bank, { applicationId: id, version: (await stateOf(db, id)).version, contractNo: `HT-${id.slice(0, 8)}`, principal, annualRate: s.rate ?? '3.50', termMonths: s.termMonths ?? 36, contractDate: s.contractDate });
  await recordDisbursement(db, bank, { applicationId: id, version: (await stateOf(db, id)).version, disbursedDate: s.disbursedDate, amount: principal, drawdownNo: `JJ-${id.slice(0, 8)}`, payoutAccount: '6228480010000000001' });
  return id;
}
