import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { documents } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { DOCUMENT_LOCKED_MESSAGE, isDocumentsEditable } from '@/lib/domain/file-sniff';
import { AppError } from '@/lib/errors/app-error';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';
import { auditActor, type Actor } from '@/lib/server/auth/actor';
import { loadScopedApplication } from '@/lib/server/applications/application-scope';
import { now as clock } from '@/lib/server/clock';
import { fileStore, type FileStore } from '@/lib/server/storage/file-store';
import { ZId } from './list-documents';

const ZDeleteDocumentInput = z.object({ documentId: ZId }).strict();

/**
 * The applicant deletes one of their documents while the application is a draft or
 * returned: the row is marked deleted with its audit row in one transaction, and the file
 * is removed once that has committed.
 */
export async function deleteDocument(db: Db, actor: Actor, raw: unknown, deps: { store?: FileStore } = {}): Promise<void> {
  if (!hasPermission(actor.role, 'application:create')) throw new AppError('FORBIDDEN');
  const parsed = ZDeleteDocumentInput.safeParse(raw);
  if (!parsed.success) throw new AppError('NOT_FOUND');
  const { documentId } = parsed.data;
  const t = clock();

  const storageKey = await db.transaction(async (tx) => {
    const [doc] = await tx.select().from(documents).where(and(eq(documents.id, documentId), isNull(documents.deletedAt))).limit(1);
    if (!doc) throw new AppError('NOT_FOUND');
    const app = await loadScopedApplication(tx, actor, doc.applicationId, { forUpdate: true });
    if (app.applicantId !== actor.userId || doc.ownerId !== actor.userId) throw new AppError('NOT_FOUND');
    if (!isDocumentsEditable(app.state)) throw new AppError('CONFLICT', { userMessage: DOCUMENT_LOCKED_MESSAGE });
    const [gone] = await tx
      .update(documents)
      .set({ deletedAt: t })
      .where(and(eq(documents.id, doc.id), isNull(documents.deletedAt)))
      .returning({ id: documents.id });
    if (!gone) throw new AppError('NOT_FOUND');
    await writeAuditLog(tx, {
      actor: auditActor(actor),
      event: 'document.delete',
      objectType: 'document',
      objectId: doc.id,
      detail: { applicationId: doc.applicationId, kind: doc.kind, sha256: doc.sha256 },
    }, t);
    return doc.storageKey;
  });

  const store = deps.store ?? fileStore(db);
  await store.remove(storageKey).catch((e) => console.error('[documents] could not remove deleted file', e));
}
