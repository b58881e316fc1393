import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { users } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import { openForm } from '@/lib/server/applications/application-form-store';
import { loadScopedApplication } from '@/lib/server/applications/application-scope';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';
import { auditActor, type Actor } from '@/lib/server/auth/actor';
import { decryptPii } from '@/lib/server/crypto/pii';
import type { TApplicationForm } from '@/lib/validation/application';
import { z } from 'zod';

const ZRevealSchema = z
  .object({
    applicationId: z.uuid(),
    field: z.enum(['applicant.idNumber', 'applicant.mobile', 'applicant.spouseIdNumber', 'partners.idNumber']),
  })
  .strict();

/**
 * Show one personal number in full to a reviewer who needs it (PII-04): only roles holding
 * 'pii:unmask', only within their scope, and every reveal is written to the audit log
 * (what, whose, by whom) before the value is returned.
 */
export async function revealPersonalData(db: Db, actor: Actor, raw: unknown): Promise<{ values: string[] }> {
  if (!hasPermission(actor.role, 'pii:unmask')) throw new AppError('FORBIDDEN');
  const parsed = ZRevealSchema.safeParse(raw);
  if (!parsed.success) throw new AppError('INVALID_INPUT');
  const { applicationId, field } = parsed.data;
  return db.transaction(async (tx) => {
    const app = await loadScopedApplication(tx, actor, applicationId);
    let values: string[];
    if (field === 'applicant.idNumber' || field === 'applicant.mobile') {
      const [u] = await tx.select({ idNumberEnc: users.idNumberEnc, mobile: users.mobile }).from(users).where(eq(users.id, app.applicantId));
      values = field === 'applicant.mobile' ? [u?.mobile ?? ''] : [u?.idNumberEnc ? decryptPii(u.idNumberEnc) : ''];
    } else {
      const form = openForm<TApplicationForm>(app.formEnc);
      values = field === 'applicant.spouseIdNumber' ? [form.applicant?.spouseIdNumber ?? ''] : (form.partners ?? []).map((p) => p.idNumber);
    }
    await writeAuditLog(tx, { actor: auditActor(actor), event: 'pii.unmask', objectType: 'application', objectId: app.id, detail: { field } });
    return { values };
  });
}
