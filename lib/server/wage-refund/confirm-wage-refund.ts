import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { wageRefundRecords, type WageRefundRecord } from '@/db/schema';
import { maskBankAccount } from '@/lib/domain/mask';
import { AppError } from '@/lib/errors/app-error';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';
import { now as clock } from '@/lib/server/clock';
import { encryptPii } from '@/lib/server/crypto/pii';
import { getRuleCatalog } from '@/lib/server/policy/get-rule-catalog';
import { parseOrThrow } from '@/lib/server/review/parse-or-throw';
import { zAccountBank, zAccountName, zBankAccountNo, ZWageRefundConfirmSchema } from '@/lib/validation/wage-refund';
import { confirmationView, type WageRefundConfirmationView } from './get-wage-refund-for-confirmation';
import { verifyConfirmCode } from './verify-confirm-code';
import { computeRecord, factsOf } from './wage-refund-engine';

/**
 * Public (no login): with its USCC and code the enterprise confirms — correcting its size
 * class (the engine recomputes the amount) and/or its account (8–30 digits, stored encrypted
 * and masked) — or declines. The code is used up either way; the decision is audited.
 */
export async function confirmWageRefund(db: Db, raw: unknown, ctx: { ip: string | null } = { ip: null }): Promise<WageRefundConfirmationView> {
  const input = parseOrThrow(ZWageRefundConfirmSchema, raw);
  const t = clock();
  const catalog = await getRuleCatalog(db);
  const outcome = await db.transaction(async (tx): Promise<{ error: AppError } | { record: WageRefundRecord }> => {
    const verified = await verifyConfirmCode(tx, input, { ip: ctx.ip, now: t });
    if ('error' in verified) return verified;
    const before = verified.record;
    const common = { confirmCodeHash: null, confirmCodeExpiresAt: null, confirmedAt: t, updatedAt: t };

    if (input.decision === 'decline') {
      const [after] = await tx.update(wageRefundRecords).set({ ...common, status: 'declined' }).where(eq(wageRefundRecords.id, before.id)).returning();
      await writeAuditLog(tx, {
        actor: null,
        event: 'wage_refund.decline',
        objectType: 'wage_refund_record',
        objectId: before.id,
        detail: { policyYear: before.policyYear, uscc: before.uscc, amountFen: before.amountFen.toString() },
        ip: ctx.ip,
      }, t);
      return { record: after };
    }

    let account: Pick<WageRefundRecord, 'accountName' | 'accountNoEnc' | 'accountNoMasked' | 'accountBank'> | null = null;
    if (input.changeAccount) {
      const number = zBankAccountNo.parse(input.accountNo);
      account = { accountName: zAccountName.parse(input.accountName), accountNoEnc: encryptPii(number), accountNoMasked: maskBankAccount(number), accountBank: zAccountBank.parse(input.accountBank) };
    } else if (!before.accountNoEnc || !before.accountName || !before.accountBank) {
      // Nothing to keep: the enterprise must give its account (the transaction still commits nothing else).
      return { error: new AppError('INVALID_INPUT', { userMessage: '系统中没有贵单位的收款账户，请填写', fieldErrors: { accountNo: '请填写收款账户' } }) };
    }
    const recomputed = input.sizeClass === before.sizeClass ? null : computeRecord({ ...factsOf(before), sizeClass: input.sizeClass }, catalog);
    const [after] = await tx
      .update(wageRefundRecords)
      .set({
        ...common,
        status: 'confirmed',
        sizeClass: input.sizeClass,
        ...(recomputed ? { eligible: recomputed.eligible, amountFen: recomputed.amountFen, result: recomputed.result } : {}),
        ...(account ?? {}),
      })
      .where(eq(wageRefundRecords.id, before.id))
      .returning();
    await writeAuditLog(tx, {
      actor: null,
      event: 'wage_refund.confirm',
      objectType: 'wage_refund_record',
      objectId: before.id,
      detail: {
        policyYear: before.policyYear,
        uscc: before.uscc,
        sizeClass: { from: before.sizeClass, to: after.sizeClass },
        amountFen: { from: before.amountFen.toString(), to: after.amountFen.toString() },
        accountChanged: account !== null,
        accountNoMasked: after.accountNoMasked,
      },
      ip: ctx.ip,
    }, t);
    return { record: after };
  });
  if ('error' in outcome) throw outcome.error;
  return confirmationView(outcome.record, catalog);
}
