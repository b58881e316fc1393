import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { documents } from '@/db/schema';
import { AppError } from '@/lib/errors/app-error';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';
import { auditActor, type Actor } from '@/lib/server/auth/actor';
import { loadScopedApplication } from '@/lib/server/applications/application-scope';
import { now as clock } from '@/lib/server/clock';
import { StoredFileMissingError, fileStore, type FileStore } from '@/lib/server/storage/file-store';
import { ZId, assertCanReadDocuments, toDocumentDto, type DocumentDto } from './list-documents';

const ZReadDocumentInput = z.object({ documentId: ZId, download: z.boolean().optional() }).strict();

export interface ReadDocumentResult {
  meta: DocumentDto;
  /** Bytes in the stored file. */
  size: number;
  /** The stored content; the caller must consume or cancel it. */
  stream: ReadableStream<Uint8Array>;
}

/**
 * One document's content, for preview or download, if the actor may see its application.
 * Anyone but the owner viewing it leaves a `document.view` audit row (personal data viewed).
 */
export async function readDocument(db: Db, actor: Actor, raw: unknown, deps: { store?: FileStore } = {}): Promise<ReadDocumentResult> {
  assertCanReadDocuments(actor);
  const parsed = ZReadDocumentInput.safeParse(raw);
  if (!parsed.success) throw new AppError('NOT_FOUND');
  const { documentId, download = false } = parsed.data;
  const [doc] = await db.select().from(documents).where(and(eq(documents.id, documentId), isNull(documents.deletedAt))).limit(1);
  if (!doc) throw new AppError('NOT_FOUND');
  const app = await loadScopedApplication(db, actor, doc.applicationId);

  const store = deps.store ?? fileStore(db);
  let file;
  try {
    file = await store.openRead(doc.storageKey);
  } catch (e) {
    if (e instanceof StoredFileMissingError) {
      console.error('[documents] stored file missing for document', doc.id);
      throw new AppError('NOT_FOUND');
    }
    throw e;
  }

  if (app.applicantId !== actor.userId) {
    try {
      await db.transaction(async (tx) => {
        await writeAuditLog(tx, {
          actor: auditActor(actor),
          event: 'document.view',
          objectType: 'document',
          objectId: doc.id,
          detail: { applicationId: doc.applicationId, kind: doc.kind, download },
        }, clock());
      });
    } catch (e) {
      // No audit row, no content.
      await file.stream.cancel().catch(() => {});
      throw e;
    }
  }
  return { meta: toDocumentDto(doc), size: file.size, stream: file.stream };
}
