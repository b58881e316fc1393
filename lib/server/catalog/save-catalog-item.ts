import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { isUniqueViolation } from '@/db/errors';
import { catalogItems } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';
import { auditActor, type Actor } from '@/lib/server/auth/actor';
import { now as clock } from '@/lib/server/clock';
import { parseOrThrow } from '@/lib/server/review/parse-or-throw';
import { ZSaveCatalogItemSchema } from '@/lib/validation/benefits';

/** Add or edit a catalogue entry (training course, industry project, job). Entries are deactivated, never deleted. */
export async function saveCatalogItem(db: Db, actor: Actor, raw: unknown): Promise<{ id: number }> {
  if (!hasPermission(actor.role, 'catalog:manage')) throw new AppError('FORBIDDEN');
  const input = parseOrThrow(ZSaveCatalogItemSchema, raw);
  const t = clock();
  try {
    return await db.transaction(async (tx) => {
      const values = { kind: input.kind, name: input.name, description: input.description, active: input.active, updatedBy: actor.userId, updatedAt: t };
      const [row] = input.id
        ? await tx.update(catalogItems).set(values).where(eq(catalogItems.id, input.id)).returning({ id: catalogItems.id })
        : await tx.insert(catalogItems).values(values).returning({ id: catalogItems.id });
      if (!row) throw new AppError('NOT_FOUND');
      await writeAuditLog(tx, { actor: auditActor(actor), event: input.id ? 'catalog.update' : 'catalog.create', objectType: 'catalog_item', objectId: String(row.id), detail: { kind: input.kind, name: input.name, active: input.active } }, t);
      return row;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('ALREADY_EXISTS', { userMessage: '同类目录中已有同名条目', fieldErrors: { name: '已有同名条目' } });
    throw e;
  }
}
