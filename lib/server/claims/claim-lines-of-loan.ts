import { maskIdNumber } from '@/lib/domain/mask';
import { computeSchedulePeriods, type RuleCatalog } from '@/lib/domain/rules';
import { claimLineOf, type ClaimLineDraft } from '@/lib/domain/subsidy-batches/claim-line';
import type { ClaimQuarter } from '@/lib/domain/subsidy-batches/quarter';
import { openForm } from '@/lib/server/applications/application-form-store';
import { encryptPii } from '@/lib/server/crypto/pii';
import { currentMaturity, extensionOf, scheduleInputOf } from '@/lib/server/servicing/loan-facts';
import type { TApplicationForm } from '@/lib/validation/application';
import type { ClaimLoan, ClaimReferences } from './load-claim-loans';

export interface ClaimLineRow extends ClaimLineDraft {
  payeeName: string;
  payeeIdMasked: string | null;
  payeeIdEnc: string | null;
  payeeAccountEnc: string | null;
  payeeAccountMasked: string | null;
  payeeBankName: string | null;
}

/**
 * A loan's claim lines for a quarter: its schedule from the rules engine as of the quarter's
 * settlement day (the same `scheduleInputOf` and schedule as the loan's own page, of which
 * only the periods ending in the quarter are computed), one line per closed period ending in
 * the quarter with a subsidy above zero. Throws the engine's RuleError when the loan's data
 * cannot be computed.
 */
export function claimLinesOfLoan(loan: ClaimLoan, q: ClaimQuarter, catalog: RuleCatalog, refs: ClaimReferences): ClaimLineRow[] {
  const inQuarter = computeSchedulePeriods(scheduleInputOf(loan.app, loan.facts), q.settlementDay, catalog, { endFrom: q.firstDay, endTo: q.settlementDay });
  const periods = inQuarter.filter((p) => p.status === 'closed' && p.interest.subsidy > 0n);
  if (periods.length === 0) return [];

  const enterprise = loan.app.loanType === 'enterprise';
  const uscc = enterprise && loan.app.formEnc ? (openForm<TApplicationForm>(loan.app.formEnc).business?.uscc ?? null) : null;
  const { loan: l, events } = loan.facts;
  const ctx = {
    applicationId: loan.app.id,
    applicationNumber: loan.app.number,
    loanType: loan.app.loanType,
    borrowerName: enterprise ? (loan.app.businessName ?? loan.app.applicantName) : loan.app.applicantName,
    idType: enterprise ? ('统一社会信用代码' as const) : ('居民身份证' as const),
    categoryLabel: loan.app.category ? (refs.categoryLabel.get(loan.app.category) ?? loan.app.category) : null,
    townName: loan.app.townCode ? (refs.townName.get(loan.app.townCode) ?? loan.app.townCode) : null,
    bankName: refs.bankName,
    contractNo: l.contractNo,
    drawdownNo: l.drawdownNo,
    contractDate: l.contractDate,
    disbursedDate: l.disbursedDate,
    maturityDate: currentMaturity(loan.facts),
    extendedTo: extensionOf(events)?.newMaturityDate ?? null,
    loanAmountFen: l.disbursedFen,
    guaranteeReview: loan.guaranteeReview,
  };
  const out: ClaimLineRow[] = [];
  for (const p of periods) {
    const line = claimLineOf(ctx, p);
    if (!line) continue;
    // Payee BORROWER: the borrower with the ID stored encrypted (copied, never decrypted here);
    // the account the loan was paid into (copied encrypted). Payee BANK: the bank itself, which
    // settles with the treasury through its own account (not recorded here).
    const toBank = line.payee === 'BANK';
    out.push({
      ...line,
      payeeName: toBank ? refs.bankName : ctx.borrowerName,
      payeeIdMasked: toBank ? null : enterprise ? (uscc ? maskIdNumber(uscc) : null) : loan.applicant.idNumberMasked,
      payeeIdEnc: toBank ? null : enterprise ? (uscc ? encryptPii(uscc) : null) : loan.applicant.idNumberEnc,
      payeeAccountEnc: toBank ? null : loan.payout.accountEnc,
      payeeAccountMasked: toBank ? null : loan.payout.accountMasked,
      payeeBankName: refs.bankName,
    });
  }
  return out;
}
