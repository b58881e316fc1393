import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { documents, organisations, towns, users, type Application } from '@/db/schema';
import { DOCUMENT_KIND_LABELS, type DocumentKind } from '@/lib/domain/file-sniff';
import { AppError } from '@/lib/errors/app-error';
import { decryptPii } from '@/lib/server/crypto/pii';
import { todayInChina } from '@/lib/server/clock';
import { DEPLOYMENT_DISTRICT, getRuleCatalog } from '@/lib/server/policy/get-rule-catalog';
import type { TApplicationForm } from '@/lib/validation/application';
import { previewLoanTerms, type LoanTermsPreview } from './preview-loan-terms';


/** The documents a complete application carries. */
export function requiredDocumentKinds(form: Pick<TApplicationForm, 'business'>): DocumentKind[] {
  return form.business.uscc ? ['id_card', 'category_proof', 'business_licence'] : ['id_card', 'category_proof'];
}

/**
 * Everything that must hold before an application enters review, checked on the server:
 * the bank and 镇街 exist, the documents are there, and the rules engine finds it
 * eligible. Returns the bank's id and the engine's answer to store with the submission.
 */
export async function checkSubmission(db: DbOrTx, app: Application, form: TApplicationForm, now: Date): Promise<{ bankOrgId: number; preview: LoanTermsPreview }> {
  const fieldErrors: Record<string, string> = {};
  const [bank] = await db.select({ id: organisations.id }).from(organisations).where(and(eq(organisations.code, form.loan.bankCode), eq(organisations.kind, 'bank')));
  if (!bank) fieldErrors['loan.bankCode'] = '请选择经办银行';
  const [town] = await db.select({ code: towns.code }).from(towns).where(eq(towns.code, form.business.townCode));
  if (!town) fieldErrors['business.townCode'] = '请选择经营所在镇街';

  const needed = requiredDocumentKinds(form);
  const present = await db
    .selectDistinct({ kind: documents.kind })
    .from(documents)
    .where(and(eq(documents.applicationId, app.id), isNull(documents.deletedAt), inArray(documents.kind, needed)));
  const missing = needed.filter((k) => !present.some((p) => p.kind === k));
  if (missing.length) fieldErrors.documents = `请上传：${missing.map((k) => DOCUMENT_KIND_LABELS[k]).join('、')}`;

  const [me] = await db.select({ idNumberEnc: users.idNumberEnc }).from(users).where(eq(users.id, app.applicantId));
  const preview = previewLoanTerms(form, {
    district: DEPLOYMENT_DISTRICT,
    today: todayInChina(now),
    idNumber: me?.idNumberEnc ? decryptPii(me.idNumberEnc) : null,
    catalog: await getRuleCatalog(db),
  });
  if (!preview.eligible) fieldErrors.eligibility = preview.reasons.map((r) => r.message).join('；');
  if (preview.reasons.some((r) => r.code === 'REQUESTED_ABOVE_LIMIT')) fieldErrors['loan.amount'] = `申请金额超过最高额度 ${preview.maxAmount} 元`;

  if (Object.keys(fieldErrors).length) {
    throw new AppError('INVALID_INPUT', { userMessage: Object.values(fieldErrors).join('；'), fieldErrors });
  }
  return { bankOrgId: bank!.id, preview };
}
