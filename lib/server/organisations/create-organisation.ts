import type { Db } from '@/db/client';
import { isUniqueViolation } from '@/db/errors';
import { organisations } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';
import { auditActor, type Actor } from '@/lib/server/auth/actor';
import { now as clock } from '@/lib/server/clock';
import { parseOrThrow } from '@/lib/server/review/parse-or-throw';
import { BANKS_REFERENCE } from '@/lib/server/applications/get-application-form-options';
import { forgetReference } from '@/lib/server/reference-cache';
import { ZCreateOrganisationSchema } from '@/lib/validation/organisations';

/**
 * A new organisation (a partner bank joining the scheme, a new office): staff accounts and
 * bank API tokens can then be attached to it. Codes are unique and never change.
 */
export async function createOrganisation(db: Db, actor: Actor, raw: unknown): Promise<{ id: number; code: string }> {
  if (!hasPermission(actor.role, 'admin:users')) throw new AppError('FORBIDDEN');
  const input = parseOrThrow(ZCreateOrganisationSchema, raw);
  const t = clock();
  try {
    const created = await db.transaction(async (tx) => {
      const [org] = await tx.insert(organisations).values({ code: input.code, name: input.name, kind: input.kind, createdAt: t }).returning({ id: organisations.id, code: organisations.code });
      await writeAuditLog(tx, { actor: auditActor(actor), event: 'organisation.create', objectType: 'organisation', objectId: String(org.id), detail: { code: input.code, name: input.name, kind: input.kind } }, t);
      return org;
    });
    // The form's bank choices (cached) gain the new bank at once.
    forgetReference(BANKS_REFERENCE);
    return created;
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('ALREADY_EXISTS', { userMessage: `机构代码 ${input.code} 已存在`, fieldErrors: { code: '机构代码已存在' } });
    throw e;
  }
}
