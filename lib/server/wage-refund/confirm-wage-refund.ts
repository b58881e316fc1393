import type { Db, Tx } from '@/db/client';
import { wageRefundRecords, type WageRefundRecord } from '@/db/schema';
import { maskBankAccount } from '@/lib/domain/mask';
import { decideWageRefundTransition, needsReview, type WageRefundAction } from '@/lib/domain/workflow/wage-refund-workflow';
import { AppError } from '@/lib/errors/app-error';
import type { AuditEntry } from '@/lib/server/audit/write-audit-log';
import { now as clock } from '@/lib/server/clock';
import { decryptPii, encryptPii } from '@/lib/server/crypto/pii';
import { getRuleCatalog } from '@/lib/server/policy/get-rule-catalog';
import { parseOrThrow } from '@/lib/server/review/parse-or-throw';
import { updateIfUnchanged } from '@/lib/server/workflow/update-if-unchanged';
import { zAccountBank, zAccountName, zBankAccountNo, ZWageRefundConfirmSchema, type TWageRefundConfirm } from '@/lib/validation/wage-refund';
import { confirmationView, type WageRefundConfirmationView } from './get-wage-refund-for-confirmation';
import type { PendingWageRefundChange } from './pending-change';
import { verifyConfirmCode } from './verify-confirm-code';
import { computeRecord, factsOf } from './wage-refund-engine';

type Account = Pick<WageRefundRecord, 'accountName' | 'accountNoEnc' | 'accountNoMasked' | 'accountBank'>;

/**
 * Public (no login): with its USCC and code the enterprise confirms — correcting its size
 * class (the engine recomputes the amount) and/or its account (8–30 digits, stored encrypted
 * and masked) — or declines. The code is used up either way; the decision is audited.
 *
 * A confirmation that changes the size class or the payee account (or gives one where none
 * was on file) does not reach the batch: the record becomes 待人社复核 with the change kept
 * beside the current values, for an HR reviewer other than the importer to accept or reject.
 * Whoever holds the code — the contact mobile came with the import — cannot alone redirect
 * the money.
 */
export async function confirmWageRefund(db: Db, raw: unknown, ctx: { ip: string | null } = { ip: null }): Promise<WageRefundConfirmationView> {
  const input = parseOrThrow(ZWageRefundConfirmSchema, raw);
  const t = clock();
  const catalog = await getRuleCatalog(db);
  const outcome = await db.transaction(async (tx): Promise<{ error: AppError } | { record: WageRefundRecord }> => {
    const verified = await verifyConfirmCode(tx, input, { ip: ctx.ip, now: t });
    if ('error' in verified) return verified;
    const before = verified.record;
    const audit = (event: string, detail: Record<string, unknown>): AuditEntry => ({
      actor: null,
      event,
      objectType: 'wage_refund_record',
      objectId: before.id,
      detail: { policyYear: before.policyYear, uscc: before.uscc, ...detail },
      ip: ctx.ip,
    });
    const used = { confirmCodeHash: null, confirmCodeExpiresAt: null, confirmedAt: t, updatedAt: t };

    if (input.decision === 'decline') {
      const record = await transition(tx, before, 'decline', used, audit('wage_refund.decline', { amountFen: before.amountFen.toString() }), t);
      return { record };
    }

    const account = newAccount(input, before);
    if (!account && !before.accountNoEnc) {
      // Nothing to keep: the enterprise must give its account (the transaction still commits nothing else).
      return { error: new AppError('INVALID_INPUT', { userMessage: '系统中没有贵单位的收款账户，请填写', fieldErrors: { accountNo: '请填写收款账户' } }) };
    }
    const change = { sizeClassChanged: input.sizeClass !== before.sizeClass, accountChanged: account !== null };
    const recomputed = change.sizeClassChanged ? computeRecord({ ...factsOf(before), sizeClass: input.sizeClass }, catalog) : null;
    const amountTo = recomputed?.amountFen ?? before.amountFen;
    const detail = {
      sizeClass: { from: before.sizeClass, to: input.sizeClass },
      amountFen: { from: before.amountFen.toString(), to: amountTo.toString() },
      accountChanged: change.accountChanged,
      accountNoMasked: { from: before.accountNoMasked, to: account?.accountNoMasked ?? before.accountNoMasked },
    };

    if (!needsReview(change)) {
      const record = await transition(tx, before, 'confirm', used, audit('wage_refund.confirm', detail), t);
      return { record };
    }
    const pending: PendingWageRefundChange = {
      ...change,
      sizeClass: input.sizeClass,
      eligible: recomputed?.eligible ?? before.eligible,
      amountFen: amountTo.toString(),
      result: (recomputed?.result ?? before.result) as PendingWageRefundChange['result'],
      ...(account ?? { accountName: before.accountName, accountNoEnc: before.accountNoEnc, accountNoMasked: before.accountNoMasked, accountBank: before.accountBank }),
    };
    const record = await transition(tx, before, 'confirm_with_change', { ...used, pendingChange: pending, changeReviewedBy: null, changeReviewedAt: null, changeReviewReason: null }, audit('wage_refund.confirm_with_change', detail), t);
    return { record };
  });
  if ('error' in outcome) throw outcome.error;
  return confirmationView(outcome.record, catalog);
}

/** The account the enterprise gives, or null when it keeps the one on file (the same details typed again are no change). */
function newAccount(input: TWageRefundConfirm, before: WageRefundRecord): Account | null {
  if (!input.changeAccount) return null;
  const number = zBankAccountNo.parse(input.accountNo);
  const name = zAccountName.parse(input.accountName);
  const bank = zAccountBank.parse(input.accountBank);
  const same = before.accountNoEnc !== null && decryptPii(before.accountNoEnc) === number && before.accountName === name && before.accountBank === bank;
  return same ? null : { accountName: name, accountNoEnc: encryptPii(number), accountNoMasked: maskBankAccount(number), accountBank: bank };
}

function transition(tx: Tx, before: WageRefundRecord, action: WageRefundAction, set: Partial<typeof wageRefundRecords.$inferInsert>, audit: AuditEntry, now: Date) {
  const d = decideWageRefundTransition(before.status, action, 'enterprise');
  if (!d.ok) throw new AppError('CONFLICT', { userMessage: '该确认已处理，请勿重复提交' });
  const w = wageRefundRecords;
  return updateIfUnchanged(tx, {
    table: w,
    expect: [[w.id, before.id], [w.status, before.status], [w.version, before.version]],
    set: { ...set, status: d.to, version: before.version + 1 },
    audit: { ...audit, detail: { ...audit.detail, from: before.status, to: d.to } },
    now,
  });
}
