import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { enterpriseContacts, hiringFilings } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';
import { auditActor, type Actor } from '@/lib/server/auth/actor';
import { now as clock } from '@/lib/server/clock';
import { parseOrThrow } from '@/lib/server/review/parse-or-throw';
import { ZConfirmContactSchema } from '@/lib/validation/hiring';

/**
 * HR confirms a filing's filer as the enterprise's contact (having checked, e.g., a 授权委托书
 * at the counter): later filings by them for that USCC carry no warning. Audited. Only HR; never
 * the filer for themselves. Confirming twice changes nothing.
 */
export async function confirmEnterpriseContact(db: Db, actor: Actor, raw: unknown): Promise<{ created: boolean }> {
  if (!hasPermission(actor.role, 'subsidy:decide_hiring')) throw new AppError('FORBIDDEN');
  const input = parseOrThrow(ZConfirmContactSchema, raw);
  const t = clock();
  return db.transaction(async (tx) => {
    const [f] = await tx.select({ id: hiringFilings.id, uscc: hiringFilings.uscc, filedBy: hiringFilings.filedBy, number: hiringFilings.number }).from(hiringFilings).where(eq(hiringFilings.id, input.filingId));
    if (!f) throw new AppError('NOT_FOUND');
    if (f.filedBy === actor.userId) throw new AppError('FORBIDDEN', { userMessage: '不能确认本人为企业联系人' });
    const [row] = await tx.insert(enterpriseContacts).values({ uscc: f.uscc, userId: f.filedBy, confirmedBy: actor.userId, confirmedAt: t }).onConflictDoNothing().returning({ id: enterpriseContacts.id });
    if (!row) return { created: false };
    await writeAuditLog(tx, {
      actor: auditActor(actor),
      event: 'hiring.confirm_contact',
      objectType: 'enterprise_contact',
      objectId: row.id,
      detail: { uscc: f.uscc, userId: f.filedBy, filingId: f.id, number: f.number },
    }, t);
    return { created: true };
  });
}
