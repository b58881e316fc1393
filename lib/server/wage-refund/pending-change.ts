import type { WageRefundRecord } from '@/db/schema';
import type { StoredWageRefundResult } from './wage-refund-engine';

/**
 * What an enterprise's confirmation would change, kept in `wage_refund_records.pending_change`
 * (jsonb: amounts as text) until a second HR reviewer accepts it. The account number is only
 * ever held encrypted and masked.
 */
export interface PendingWageRefundChange {
  sizeClassChanged: boolean;
  accountChanged: boolean;
  sizeClass: WageRefundRecord['sizeClass'];
  eligible: boolean;
  amountFen: string;
  result: StoredWageRefundResult;
  accountName: string | null;
  accountNoEnc: string | null;
  accountNoMasked: string | null;
  accountBank: string | null;
}

export const pendingChangeOf = (r: WageRefundRecord): PendingWageRefundChange | null => (r.pendingChange as PendingWageRefundChange | null) ?? null;

/** The columns an accepted change writes onto the record. */
export function changeColumns(c: PendingWageRefundChange) {
  return {
    sizeClass: c.sizeClass,
    eligible: c.eligible,
    amountFen: BigInt(c.amountFen),
    result: c.result,
    accountName: c.accountName,
    accountNoEnc: c.accountNoEnc,
    accountNoMasked: c.accountNoMasked,
    accountBank: c.accountBank,
  };
}

/** The record as it would be once the change is accepted (for the enterprise's own view). */
export function withPendingChange(r: WageRefundRecord): WageRefundRecord {
  const c = pendingChangeOf(r);
  return c ? { ...r, ...changeColumns(c) } : r;
}
