import { and, count, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx } from '@/db/client';
import { documents, type Application } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import {
  DOCUMENT_COUNT_MESSAGE, DOCUMENT_KINDS, DOCUMENT_LOCKED_MESSAGE, DOCUMENT_MAX_BYTES, DOCUMENT_TOO_LARGE_MESSAGE, DOCUMENT_TYPE_MESSAGE,
  MAX_DOCUMENTS_PER_APPLICATION, isDocumentsEditable, sanitizeFileName, sniffMime,
} from '@/lib/domain/file-sniff';
import { AppError } from '@/lib/errors/app-error';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';
import { auditActor, type Actor } from '@/lib/server/auth/actor';
import { loadScopedApplication } from '@/lib/server/applications/application-scope';
import { now as clock } from '@/lib/server/clock';
import { FileTooLargeError, fileStore, type ByteSource, type FileStore, type PendingFile } from '@/lib/server/storage/file-store';
import { ZId, toDocumentDto, type DocumentDto } from './list-documents';

/** A refusal for size: INVALID_INPUT to the use-case's callers, 413 over HTTP. */
export class DocumentTooLargeError extends AppError {
  readonly httpStatus = 413;
  constructor() {
    super('INVALID_INPUT', { message: 'document too large', userMessage: DOCUMENT_TOO_LARGE_MESSAGE, fieldErrors: { file: DOCUMENT_TOO_LARGE_MESSAGE } });
  }
}

const ZUploadMeta = z.object({
  applicationId: ZId,
  kind: z.enum(DOCUMENT_KINDS),
  fileName: z.string().max(1000),
  /** The Content-Length the client announced, if any: refused early when already too large. */
  declaredSize: z.number().int().nonnegative().optional(),
});

export interface UploadDocumentInput {
  applicationId: unknown;
  kind: unknown;
  fileName: unknown;
  declaredSize?: number;
  /** The file content, read once, at most DOCUMENT_MAX_BYTES. */
  content: ByteSource;
}

/** The application, if this actor may change its documents now; a typed refusal otherwise. */
async function loadEditableApplication(db: DbOrTx, actor: Actor, applicationId: string, forUpdate = false): Promise<Application> {
  const app = await loadScopedApplication(db, actor, applicationId, { forUpdate });
  // Owner only; any other id is "not found", never "forbidden".
  if (app.applicantId !== actor.userId) throw new AppError('NOT_FOUND');
  if (!isDocumentsEditable(app.state)) throw new AppError('CONFLICT', { userMessage: DOCUMENT_LOCKED_MESSAGE });
  return app;
}

async function assertRoomFor(db: DbOrTx, applicationId: string) {
  const [{ n }] = await db.select({ n: count() }).from(documents).where(and(eq(documents.applicationId, applicationId), isNull(documents.deletedAt)));
  if (n >= MAX_DOCUMENTS_PER_APPLICATION) throw new AppError('INVALID_INPUT', { userMessage: DOCUMENT_COUNT_MESSAGE });
}

/**
 * The applicant adds a supporting document to their own draft or returned application.
 * The content is streamed to a temporary file (hashed and counted, refused past 10 MiB),
 * recognised by its first bytes (JPEG, PNG or PDF only), then the row, the audit row and
 * the file's move into place happen together: a refusal or failure stores nothing.
 */
export async function uploadDocument(db: Db, actor: Actor, input: UploadDocumentInput, deps: { store?: FileStore } = {}): Promise<DocumentDto> {
  if (!hasPermission(actor.role, 'application:create')) throw new AppError('FORBIDDEN');
  const parsed = ZUploadMeta.safeParse({ applicationId: input.applicationId, kind: input.kind, fileName: input.fileName, declaredSize: input.declaredSize });
  if (!parsed.success) {
    if (parsed.error.issues.some((i) => i.path[0] === 'applicationId')) throw new AppError('NOT_FOUND');
    throw new AppError('INVALID_INPUT', { userMessage: '请选择材料类型和文件' });
  }
  const { applicationId, kind, declaredSize } = parsed.data;
  const originalName = sanitizeFileName(parsed.data.fileName);

  // Refuse before reading a byte when the answer is already known.
  await loadEditableApplication(db, actor, applicationId);
  await assertRoomFor(db, applicationId);
  if (declaredSize !== undefined && declaredSize > DOCUMENT_MAX_BYTES) throw new DocumentTooLargeError();

  const store = deps.store ?? fileStore(db);
  let pending: PendingFile;
  try {
    pending = await store.saveStream(input.content, DOCUMENT_MAX_BYTES);
  } catch (e) {
    if (e instanceof FileTooLargeError) throw new DocumentTooLargeError();
    throw e;
  }

  let committed = false;
  try {
    const mime = sniffMime(pending.head);
    if (!mime) throw new AppError('INVALID_INPUT', { userMessage: DOCUMENT_TYPE_MESSAGE, fieldErrors: { file: DOCUMENT_TYPE_MESSAGE } });
    const t = clock();
    const row = await db.transaction(async (tx) => {
      // Again under the row lock: the state or the count may have changed while the file streamed.
      await loadEditableApplication(tx, actor, applicationId, true);
      await assertRoomFor(tx, applicationId);
      const [doc] = await tx
        .insert(documents)
        .values({ applicationId, ownerId: actor.userId, kind, originalName, mime, sizeBytes: pending.size, sha256: pending.sha256, storageKey: pending.key, createdAt: t })
        .returning();
      await writeAuditLog(tx, {
        actor: auditActor(actor),
        event: 'document.upload',
        objectType: 'document',
        objectId: doc.id,
        detail: { applicationId, kind, size: pending.size, sha256: pending.sha256 },
      }, t);
      // Last step inside the transaction: if the move fails, the row rolls back.
      await store.commit(pending, tx);
      committed = true;
      return doc;
    });
    return toDocumentDto(row);
  } catch (e) {
    if (committed) await store.remove(pending.key).catch((err) => console.error('[documents] could not remove orphan file', err));
    else await store.discard(pending);
    throw e;
  }
}
