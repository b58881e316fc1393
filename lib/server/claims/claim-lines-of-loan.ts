import { maskIdNumber } from '@/lib/domain/mask';
import { computeSchedulePeriods, type RuleCatalog } from '@/lib/domain/rules';
import { claimLineOf, type ClaimLineDraft } from '@/lib/domain/subsidy-batches/claim-line';
import { lateLinesOf, settleCorrections, type ExistingLine } from '@/lib/domain/subsidy-batches/late-lines';
import type { ClaimQuarter } from '@/lib/domain/subsidy-batches/quarter';
import type { IsoDate } from '@/lib/domain/dates';
import { openForm } from '@/lib/server/applications/application-form-store';
import { encryptPii } from '@/lib/server/crypto/pii';
import { currentMaturity, extensionOf, scheduleInputOf } from '@/lib/server/servicing/loan-facts';
import type { TApplicationForm } from '@/lib/validation/application';
import type { ClaimLoan, ClaimReferences } from './load-claim-loans';

export interface ClaimLineRow extends ClaimLineDraft {
  lineKind?: 'payment' | 'supplement' | 'correction';
  correctsLineId?: number | null;
  beforeFen?: bigint | null;
  afterFen?: bigint | null;
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
/**
 * What the claim knows of earlier quarters: the bank's quarters already claimed and, per loan,
 * its active lines in other batches. With it, the loan's earlier periods are compared with what
 * was claimed and paid (lib/domain/subsidy-batches/late-lines.ts): 补报 and correction lines.
 */
export interface ClaimHistory {
  claimedQuarters: ReadonlySet<string>;
  /** The first day of the earliest claimed quarter: earlier periods are not looked at. */
  since: IsoDate | null;
  existing: ReadonlyMap<string, ExistingLine[]>;
}

export function claimLinesOfLoan(loan: ClaimLoan, q: ClaimQuarter, catalog: RuleCatalog, refs: ClaimReferences, history?: ClaimHistory): ClaimLineRow[] {
  const existing = history?.existing.get(loan.app.id) ?? [];
  const lookBack = history && (history.since !== null || existing.length > 0);
  const from = lookBack ? [history.since ?? q.firstDay, ...existing.map((l) => l.periodStart ?? q.firstDay)].reduce((a, b) => (a < b ? a : b)) : q.firstDay;
  const computed = computeSchedulePeriods(scheduleInputOf(loan.app, loan.facts), q.settlementDay, catalog, { endFrom: from < q.firstDay ? from : q.firstDay, endTo: q.settlementDay });
  const inQuarter = computed.filter((p) => p.periodEnd >= q.firstDay);
  const earlier = computed.filter((p) => p.periodEnd < q.firstDay);
  const periods = inQuarter.filter((p) => p.status === 'closed' && p.interest.subsidy > 0n);
  if (periods.length === 0 && (earlier.length === 0 || !history)) return [];

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
  const drafts: (ClaimLineDraft & Pick<ClaimLineRow, 'lineKind' | 'correctsLineId' | 'beforeFen' | 'afterFen'>)[] = [];
  for (const p of periods) {
    const line = claimLineOf(ctx, p);
    if (line) drafts.push(line);
  }
  if (history && earlier.length) drafts.push(...lateLinesOf(ctx, earlier, existing, history.claimedQuarters));
  if (drafts.length === 0) return [];
  settleCorrections(drafts);
  const out: ClaimLineRow[] = [];
  for (const line of drafts) {
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
