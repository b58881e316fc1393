import type { Db } from '@/db/client';
import type { WageRefundRecord } from '@/db/schema';
import type { RuleCatalog } from '@/lib/domain/rules';
import { now as clock } from '@/lib/server/clock';
import { getRuleCatalog } from '@/lib/server/policy/get-rule-catalog';
import { parseOrThrow } from '@/lib/server/review/parse-or-throw';
import { ZWageRefundLookupSchema } from '@/lib/validation/wage-refund';
import { withPendingChange } from './pending-change';
import { verifyConfirmCode } from './verify-confirm-code';
import { computeRecord, factsOf, storedResult } from './wage-refund-engine';

/** What the enterprise sees on the public confirmation page (its own data only; the account masked). */
export interface WageRefundConfirmationView {
  policyYear: number;
  enterpriseName: string;
  uscc: string;
  sizeClass: WageRefundRecord['sizeClass'];
  avgInsured: number;
  layoffs: number;
  layoffRatePercent: string;
  premiumsPaidFen: string;
  monthsInsured: number;
  ratioPercent: string;
  amountFen: string;
  /** The engine's amount under either size class, so the page can show a correction's effect before it is sent. */
  bySize: Record<WageRefundRecord['sizeClass'], { ratioPercent: string; amountFen: string }>;
  accountName: string | null;
  accountNoMasked: string | null;
  accountBank: string | null;
  expiresAt: string | null;
  status: WageRefundRecord['status'];
}

/** A record awaiting HR review shows the enterprise what it asked for (marked 待人社复核 by its status). */
export function confirmationView(record: WageRefundRecord, catalog: RuleCatalog): WageRefundConfirmationView {
  const r = withPendingChange(record);
  const res = storedResult(r);
  const other = (size: WageRefundRecord['sizeClass']) => {
    const c = computeRecord({ ...factsOf(r), sizeClass: size }, catalog);
    return { ratioPercent: c.result.ratioPercent, amountFen: c.amountFen.toString() };
  };
  return {
    policyYear: r.policyYear,
    enterpriseName: r.enterpriseName,
    uscc: r.uscc,
    sizeClass: r.sizeClass,
    avgInsured: r.avgInsured,
    layoffs: r.layoffs,
    layoffRatePercent: res.layoffRatePercent,
    premiumsPaidFen: r.premiumsPaidFen.toString(),
    monthsInsured: r.monthsInsured,
    ratioPercent: res.ratioPercent,
    amountFen: r.amountFen.toString(),
    bySize: { large: other('large'), sme: other('sme') },
    accountName: r.accountName,
    accountNoMasked: r.accountNoMasked,
    accountBank: r.accountBank,
    expiresAt: r.confirmCodeExpiresAt?.toISOString() ?? null,
    status: r.status,
  };
}

/**
 * Public (no login): the enterprise opens its 稳岗返还 with its USCC and the code from the SMS.
 * A wrong code counts an attempt (5 → locked; the same answer as an unknown USCC); the code
 * stays valid until it is used to confirm or decline, or expires.
 */
export async function getWageRefundForConfirmation(db: Db, raw: unknown, ctx: { ip: string | null } = { ip: null }): Promise<WageRefundConfirmationView> {
  const input = parseOrThrow(ZWageRefundLookupSchema, raw);
  const t = clock();
  const catalog = await getRuleCatalog(db);
  const outcome = await db.transaction((tx) => verifyConfirmCode(tx, input, { ip: ctx.ip, now: t }));
  if ('error' in outcome) throw outcome.error;
  return confirmationView(outcome.record, catalog);
}
