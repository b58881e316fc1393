import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { users } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import type { Actor } from '@/lib/server/auth/actor';
import { todayInChina } from '@/lib/server/clock';
import { decryptPii } from '@/lib/server/crypto/pii';
import { DEPLOYMENT_DISTRICT, getRuleCatalog } from '@/lib/server/policy/get-rule-catalog';
import { parseApplicationForm } from './parse-application-form';
import { previewLoanTerms, type LoanTermsPreview } from './preview-loan-terms';

/** The engine's answer for the applicant's form as it stands, before submission. Reads nothing else, writes nothing. */
export async function previewApplicationTerms(db: Db, actor: Actor, rawForm: unknown): Promise<LoanTermsPreview> {
  if (!hasPermission(actor.role, 'application:create')) throw new AppError('FORBIDDEN');
  const form = parseApplicationForm(rawForm);
  const [me] = await db.select({ idNumberEnc: users.idNumberEnc }).from(users).where(eq(users.id, actor.userId));
  return previewLoanTerms(form, {
    district: DEPLOYMENT_DISTRICT,
    today: todayInChina(),
    idNumber: me?.idNumberEnc ? decryptPii(me.idNumberEnc) : null,
    catalog: await getRuleCatalog(db),
  });
}
