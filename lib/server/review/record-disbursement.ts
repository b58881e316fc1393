import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { isUniqueViolation } from '@/db/errors';
import { loans, type Application } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { addMonthsRollForward } from '@/lib/domain/dates';
import { maskBankAccount } from '@/lib/domain/mask';
import { parseYuan } from '@/lib/domain/money';
import { AppError } from '@/lib/errors/app-error';
import { loadScopedApplication } from '@/lib/server/applications/application-scope';
import { applyTransition } from '@/lib/server/applications/apply-transition';
import type { Actor } from '@/lib/server/auth/actor';
import { now as clock, todayInChina } from '@/lib/server/clock';
import { encryptPii } from '@/lib/server/crypto/pii';
import { ZRecordDisbursementSchema } from '@/lib/validation/loan';
import { parseOrThrow } from './parse-or-throw';

/**
 * The bank records the disbursement (放款): on or after the contract date, at most the contract
 * amount, with the borrower's account it was paid into (where 贴息 to the borrower is paid).
 */
export async function recordDisbursement(db: Db, actor: Actor, raw: unknown): Promise<Application> {
  if (!hasPermission(actor.role, 'review:bank')) throw new AppError('FORBIDDEN');
  const input = parseOrThrow(ZRecordDisbursementSchema, raw);
  const amount = parseYuan(input.amount);
  const t = clock();
  const refuse = (field: string, message: string) => new AppError('INVALID_INPUT', { userMessage: message, fieldErrors: { [field]: message } });
  try {
    return await db.transaction(async (tx) => {
      const app = await loadScopedApplication(tx, actor, input.applicationId, { forUpdate: true });
      if (app.version !== input.version) throw new AppError('CONFLICT');
      const [loan] = await tx.select().from(loans).where(eq(loans.applicationId, app.id));
      if (!loan) throw new AppError('CONFLICT', { userMessage: '请先登记合同' });
      if (input.disbursedDate < loan.contractDate) throw refuse('disbursedDate', '放款日期不能早于签约日期');
      if (input.disbursedDate > todayInChina(t)) throw refuse('disbursedDate', '放款日期不能晚于今天');
      if (amount > loan.principalFen) throw refuse('amount', '放款金额不能超过合同金额');
      await tx
        .update(loans)
        .set({
          disbursedDate: input.disbursedDate,
          disbursedFen: amount,
          drawdownNo: input.drawdownNo,
          payoutAccountEnc: encryptPii(input.payoutAccount),
          payoutAccountMasked: maskBankAccount(input.payoutAccount),
          maturityDate: addMonthsRollForward(input.disbursedDate, loan.termMonths),
          updatedAt: t,
        })
        .where(eq(loans.applicationId, app.id));
      return applyTransition(tx, actor, app, 'disburse', { now: t });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw refuse('drawdownNo', '该借据号已登记');
    throw e;
  }
}
