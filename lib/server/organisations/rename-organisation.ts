import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { organisations } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';
import { auditActor, type Actor } from '@/lib/server/auth/actor';
import { now as clock } from '@/lib/server/clock';
import { parseOrThrow } from '@/lib/server/review/parse-or-throw';
import { BANKS_REFERENCE } from '@/lib/server/applications/get-application-form-options';
import { forgetReference } from '@/lib/server/reference-cache';
import { ZRenameOrganisationSchema } from '@/lib/validation/organisations';

/**
 * Rename an organisation (a branch renamed by its head office). Code and kind stay: batch
 * numbers, tokens and staff roles depend on them. Frozen exports keep the name they had.
 */
export async function renameOrganisation(db: Db, actor: Actor, raw: unknown): Promise<void> {
  if (!hasPermission(actor.role, 'admin:users')) throw new AppError('FORBIDDEN');
  const input = parseOrThrow(ZRenameOrganisationSchema, raw);
  const t = clock();
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(organisations).where(eq(organisations.code, input.code)).for('update');
    if (!before) throw new AppError('NOT_FOUND', { userMessage: '机构不存在' });
    if (before.name === input.name) return;
    await tx.update(organisations).set({ name: input.name }).where(eq(organisations.id, before.id));
    await writeAuditLog(tx, { actor: auditActor(actor), event: 'organisation.rename', objectType: 'organisation', objectId: String(before.id), detail: { code: before.code, from: before.name, to: input.name } }, t);
  });
  // The form's bank choices (cached) show the new name at once.
  forgetReference(BANKS_REFERENCE);
}
