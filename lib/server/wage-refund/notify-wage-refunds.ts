import { and, asc, eq, gt, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { wageRefundRecords } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { wageRefundStatesFor, wageRefundTargetOf } from '@/lib/domain/workflow/wage-refund-workflow';
import { AppError } from '@/lib/errors/app-error';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';
import { auditActor, type Actor } from '@/lib/server/auth/actor';
import { now as clock } from '@/lib/server/clock';
import { enqueueSms } from '@/lib/server/notifications/enqueue-sms';
import { takeSmsAllowance } from '@/lib/server/notifications/sms-allowance';
import { parseOrThrow } from '@/lib/server/review/parse-or-throw';
import { ZWageRefundNotifySchema } from '@/lib/validation/wage-refund';
import { confirmCodeHash, confirmCodeTtlDays, confirmPageUrl, newConfirmCode } from './confirm-code';

export interface NotifyWageRefundsResult {
  notified: number;
  /** Eligible records that could not be notified: no contact mobile. */
  withoutMobile: number;
}

/** The SMS: the code and where to use it; no name, amount or account (no personal data). */
export const confirmSmsBody = (policyYear: number, code: string, ttlDays: number) =>
  `【开州就业】贵单位${policyYear}年度稳岗返还待确认，确认码${code}，${ttlDays}日内有效。请访问 ${confirmPageUrl()} 输入统一社会信用代码和确认码，核对返还金额与收款账户。如非本单位，请忽略。`;

/**
 * 通知确认: a one-time 6-digit code per eligible enterprise (stored only as a keyed hash,
 * valid WAGE_REFUND_CODE_TTL_DAYS days, attempts reset), sent through the SMS outbox to the
 * contact mobile as a secret message: nobody in the system can read it back (the outbox shows
 * "验证码短信已发送", and the body is wiped once the gateway has it).
 * Without ids: every eligible enterprise of the year not notified yet. With ids: (re)send to
 * those still unconfirmed — a new code replaces the old one and unlocks a locked confirmation.
 */
export async function notifyWageRefunds(db: Db, actor: Actor, raw: unknown): Promise<NotifyWageRefundsResult> {
  if (!hasPermission(actor.role, 'subsidy:import_insurance_data')) throw new AppError('FORBIDDEN');
  const input = parseOrThrow(ZWageRefundNotifySchema, raw);
  const t = clock();
  const ttlDays = confirmCodeTtlDays();
  const expires = new Date(t.getTime() + ttlDays * 24 * 3600_000);
  const action = input.recordIds ? 'renotify' : 'notify';
  const w = wageRefundRecords;
  return db.transaction(async (tx) => {
    const scope = and(
      eq(w.policyYear, input.policyYear),
      eq(w.eligible, true),
      gt(w.amountFen, 0n),
      inArray(w.status, [...wageRefundStatesFor(action)]),
      input.recordIds ? inArray(w.id, input.recordIds) : undefined,
    );
    const targets = await tx.select().from(w).where(and(scope, isNotNull(w.contactMobile))).orderBy(asc(w.id)).for('update');
    const withoutMobile = await tx.$count(w, and(scope, isNull(w.contactMobile)));
    if (input.recordIds && targets.length === 0) {
      throw new AppError('CONFLICT', { userMessage: '所选企业不在待通知或待确认状态，或没有联系人手机，请刷新后重试' });
    }
    for (const r of targets) {
      // A re-send is what someone can ask for again and again: each mobile has a daily allowance.
      if (action === 'renotify') await takeSmsAllowance(db, r.contactMobile!);
      const code = newConfirmCode();
      // The rows are locked above, so their status cannot move before this update.
      await tx
        .update(w)
        .set({
          status: wageRefundTargetOf(action), version: sql`${w.version} + 1`, confirmCodeHash: confirmCodeHash(r.id, code), confirmCodeExpiresAt: expires,
          confirmAttempts: 0, pendingChange: null, updatedAt: t,
        })
        .where(eq(w.id, r.id));
      await enqueueSms(tx, { userId: null, mobile: r.contactMobile!, body: confirmSmsBody(r.policyYear, code, ttlDays), secret: true }, t);
    }
    await writeAuditLog(tx, {
      actor: auditActor(actor),
      event: `wage_refund.${action}`,
      objectType: 'wage_refund_year',
      objectId: String(input.policyYear),
      detail: { policyYear: input.policyYear, notified: targets.length, withoutMobile, recordIds: input.recordIds ?? null },
    }, t);
    return { notified: targets.length, withoutMobile };
  });
}
