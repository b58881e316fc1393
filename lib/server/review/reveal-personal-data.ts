import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { users } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { maskName } from '@/lib/domain/mask';
import { AppError, isAppError } from '@/lib/errors/app-error';
import { openForm } from '@/lib/server/applications/application-form-store';
import { loadScopedApplication } from '@/lib/server/applications/application-scope';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';
import { auditActor, type Actor } from '@/lib/server/auth/actor';
import { decryptPii, openMobile } from '@/lib/server/crypto/pii';
import { consumeRateLimit } from '@/lib/server/rate-limit/rate-limiter';
import { parseOrThrow } from '@/lib/server/review/parse-or-throw';
import type { TApplicationForm } from '@/lib/validation/application';
import { ZRevealPersonalDataSchema } from '@/lib/validation/review';

/**
 * Show one personal number in full to a reviewer who needs it (PII-04): only roles holding
 * 'pii:unmask' (the auditor reads masked data only), only within their scope, only with a
 * reason (a code from the list and the reviewer's words), and at most PII_REVEALS_PER_HOUR
 * times per person per hour. Every reveal is written to the audit log — what, whose (masked),
 * by whom and why — before the value is returned; a reveal refused by the hourly limit is
 * written too, as a failure, so the auditor sees the attempts.
 */
export async function revealPersonalData(db: Db, actor: Actor, raw: unknown): Promise<{ values: string[] }> {
  if (!hasPermission(actor.role, 'pii:unmask')) throw new AppError('FORBIDDEN');
  const { applicationId, field, reasonCode, reasonText } = parseOrThrow(ZRevealPersonalDataSchema, raw);
  const why = { field, reasonCode, reasonText };
  try {
    // Before the scope check: guessing ids costs allowance too.
    await consumeRateLimit(db, 'pii_reveal', actor.userId);
  } catch (e) {
    if (isAppError(e) && e.code === 'RATE_LIMITED') {
      await writeAuditLog(db, { actor: auditActor(actor), event: 'pii.unmask', objectType: 'application', objectId: applicationId, result: 'failure', detail: { ...why, refused: 'rate_limited' } });
    }
    throw e;
  }
  return db.transaction(async (tx) => {
    const app = await loadScopedApplication(tx, actor, applicationId);
    let values: string[];
    if (field === 'applicant.idNumber' || field === 'applicant.mobile') {
      const [u] = await tx.select({ idNumberEnc: users.idNumberEnc, mobileEnc: users.mobileEnc }).from(users).where(eq(users.id, app.applicantId));
      values = field === 'applicant.mobile' ? [openMobile(u?.mobileEnc) ?? ''] : [u?.idNumberEnc ? decryptPii(u.idNumberEnc) : ''];
    } else {
      const form = openForm<TApplicationForm>(app.formEnc);
      values = field === 'applicant.spouseIdNumber' ? [form.applicant?.spouseIdNumber ?? ''] : (form.partners ?? []).map((p) => p.idNumber);
    }
    // Whose data, masked: the auditor's list names the subject without showing the number.
    const subject = { name: maskName(app.applicantName), idNumberMasked: app.idNumberMasked, applicationNumber: app.number };
    await writeAuditLog(tx, { actor: auditActor(actor), event: 'pii.unmask', objectType: 'application', objectId: app.id, detail: { ...why, subject } });
    return { values };
  });
}
