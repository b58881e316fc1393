import crypto from 'node:crypto';
import { count, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { isUniqueViolation } from '@/db/errors';
import { hiringFilingHires, hiringFilings } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { maskBankAccount, maskIdNumber } from '@/lib/domain/mask';
import { AppError } from '@/lib/errors/app-error';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';
import { auditActor, type Actor } from '@/lib/server/auth/actor';
import { now as clock } from '@/lib/server/clock';
import { blindIndex, encryptPii } from '@/lib/server/crypto/pii';
import { parseOrThrow } from '@/lib/server/review/parse-or-throw';
import { ZHiringFilingSchema } from '@/lib/validation/hiring';

/**
 * A UUID (version 7 layout) that sorts by time and then by `ordinal`: the hires keep the order
 * they were entered in (the table has no sequence column).
 */
export function orderedUuid(t: Date, ordinal: number): string {
  const time = t.getTime().toString(16).padStart(12, '0').slice(-12);
  const rand = crypto.randomBytes(8).toString('hex');
  const ord = ordinal.toString(16).padStart(3, '0').slice(-3);
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${ord}-${(8 + (parseInt(rand[0], 16) & 3)).toString(16)}${rand.slice(1, 4)}-${rand.slice(4, 16)}`;
}

/** The blind index a hired person is known by (the same kind as registered users' 身份证号). */
export const personHash = (idNumber: string) => blindIndex('id', idNumber);

/**
 * 申报: an enterprise contact (applicant role) files the enterprise's hires for a policy
 * year and scheme. 身份证号 validated (check digit), stored encrypted with a blind index and
 * masked; the account encrypted and masked. Nothing is computed here: HR's approval runs the
 * engine (and the never-twice check) on what it approves.
 */
export async function fileHiringSubsidy(db: Db, actor: Actor, raw: unknown): Promise<{ filingId: string; number: string }> {
  if (!hasPermission(actor.role, 'subsidy:file_hiring')) throw new AppError('FORBIDDEN');
  const input = parseOrThrow(ZHiringFilingSchema, raw);
  const t = clock();
  try {
    return await db.transaction(async (tx) => {
      // Numbers count up per year: serialise filers of one year.
      await tx.execute(sql`select pg_advisory_xact_lock(72707104, ${input.policyYear})`);
      const [{ n }] = await tx.select({ n: count() }).from(hiringFilings).where(eq(hiringFilings.policyYear, input.policyYear));
      const number = `XN${input.policyYear}${String(Number(n) + 1).padStart(6, '0')}`;
      const [filing] = await tx
        .insert(hiringFilings)
        .values({
          number,
          policyYear: input.policyYear,
          scheme: input.scheme,
          uscc: input.uscc,
          enterpriseName: input.enterpriseName,
          filedBy: actor.userId,
          accountName: input.accountName,
          accountNoEnc: encryptPii(input.accountNo),
          accountNoMasked: maskBankAccount(input.accountNo),
          accountBank: input.accountBank,
          status: 'submitted',
          createdAt: t,
          updatedAt: t,
        })
        .returning({ id: hiringFilings.id });
      await tx.insert(hiringFilingHires).values(
        input.hires.map((h, i) => ({
          id: orderedUuid(t, i),
          filingId: filing.id,
          name: h.name,
          idNumberHash: personHash(h.idNumber),
          idNumberEnc: encryptPii(h.idNumber),
          idNumberMasked: maskIdNumber(h.idNumber),
          category: h.category,
          contractMonths: h.contractMonths,
          insuredMonths: h.insuredMonths,
        })),
      );
      await writeAuditLog(tx, {
        actor: auditActor(actor),
        event: 'hiring.file',
        objectType: 'hiring_filing',
        objectId: filing.id,
        detail: { number, policyYear: input.policyYear, scheme: input.scheme, uscc: input.uscc, hires: input.hires.length },
      }, t);
      return { filingId: filing.id, number };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('CONFLICT', { userMessage: '提交人数较多，请稍后重试' });
    throw e;
  }
}
