import { and, desc, eq, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { wageRefundRecords, type WageRefundRecord } from '@/db/schema';
import { AppError } from '@/lib/errors/app-error';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';
import { wageRefundStatesFor } from '@/lib/domain/workflow/wage-refund-workflow';
import { WAGE_REFUND_MAX_CODE_ATTEMPTS } from '@/lib/validation/wage-refund';
import { confirmCodeMatches } from './confirm-code';

/**
 * The one answer to every failed try — wrong code, unknown USCC, locked confirmation — so a
 * script cannot tell which USCCs are in the list or which it has locked.
 */
export const WRONG_CODE_MESSAGE = `统一社会信用代码或确认码不正确，或确认码已失效（连续输错 ${WAGE_REFUND_MAX_CODE_ATTEMPTS} 次即锁定，请联系开州区就业和人才中心重新发送确认码）`;
const wrongCode = () => new AppError('INVALID_INPUT', { userMessage: WRONG_CODE_MESSAGE, fieldErrors: { code: WRONG_CODE_MESSAGE } });

/**
 * Checks a USCC + code against the records awaiting confirmation, under row locks (so the
 * attempt count holds with concurrent tries). A wrong code counts one attempt on each of the
 * enterprise's open records; at the limit they are locked until a new code is sent. Unknown
 * and locked USCCs get the same answer as a wrong code, and every failed try is audited.
 * Returns the matching record, or the error to throw AFTER the transaction commits (the
 * counted attempt and its audit row must stay).
 */
export async function verifyConfirmCode(
  tx: Tx,
  input: { uscc: string; code: string },
  ctx: { ip: string | null; now: Date },
): Promise<{ record: WageRefundRecord } | { error: AppError }> {
  const w = wageRefundRecords;
  const open = await tx
    .select()
    .from(w)
    .where(and(eq(w.uscc, input.uscc), inArray(w.status, [...wageRefundStatesFor('confirm')]), isNotNull(w.confirmCodeHash)))
    .orderBy(desc(w.policyYear))
    .for('update');
  const usable = open.filter((r) => r.confirmAttempts < WAGE_REFUND_MAX_CODE_ATTEMPTS);
  const match = usable.find((r) => confirmCodeMatches(r.id, input.code, r.confirmCodeHash));
  if (match) {
    if (match.confirmCodeExpiresAt && match.confirmCodeExpiresAt.getTime() <= ctx.now.getTime()) {
      // Only the holder of the right code learns that it expired.
      return { error: new AppError('INVALID_INPUT', { userMessage: '确认码已过期。请联系开州区就业和人才中心重新发送确认码', fieldErrors: { code: '确认码已过期' } }) };
    }
    return { record: match };
  }

  let lockedNow = false;
  if (usable.length > 0) {
    const after = await tx
      .update(w)
      .set({ confirmAttempts: sql`${w.confirmAttempts} + 1`, updatedAt: ctx.now })
      .where(and(inArray(w.id, usable.map((r) => r.id)), lt(w.confirmAttempts, WAGE_REFUND_MAX_CODE_ATTEMPTS)))
      .returning({ id: w.id, attempts: w.confirmAttempts });
    lockedNow = after.some((a) => a.attempts >= WAGE_REFUND_MAX_CODE_ATTEMPTS);
  }
  await writeAuditLog(tx, {
    actor: null,
    event: lockedNow ? 'wage_refund.confirm_locked' : 'wage_refund.confirm_code_wrong',
    objectType: 'wage_refund_record',
    objectId: usable[0]?.id ?? open[0]?.id,
    result: 'failure',
    // The USCC is public business data; the code typed is never logged.
    detail: { uscc: input.uscc, known: open.length > 0, locked: open.length > 0 && usable.length === 0 },
    ip: ctx.ip,
  }, ctx.now);
  return { error: wrongCode() };
}
