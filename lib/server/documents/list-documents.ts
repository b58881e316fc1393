import { and, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { documents, type DocumentRow } from '@/db/schema';
import { hasPermission, type Permission } from '@/lib/auth/permissions';
import type { DocumentKind, DocumentMime } from '@/lib/domain/file-sniff';
import { AppError } from '@/lib/errors/app-error';
import type { Actor } from '@/lib/server/auth/actor';
import { loadScopedApplication } from '@/lib/server/applications/application-scope';

/** A document as the browser sees it: never the storage key. */
export interface DocumentDto {
  id: string;
  applicationId: string;
  kind: DocumentKind;
  originalName: string;
  mime: DocumentMime;
  sizeBytes: number;
  sha256: string;
  /** ISO 8601. */
  createdAt: string;
}

export const toDocumentDto = (d: DocumentRow): DocumentDto => ({
  id: d.id,
  applicationId: d.applicationId,
  kind: d.kind,
  originalName: d.originalName,
  mime: d.mime,
  sizeBytes: d.sizeBytes,
  sha256: d.sha256,
  createdAt: d.createdAt.toISOString(),
});

/**
 * Who may read documents at all: the applicant (own applications) and the reviewers and
 * auditor (within their application scope). Which applications is `loadScopedApplication`'s call.
 */
export const DOCUMENT_READ_PERMISSIONS = ['application:read_own', 'review:access', 'audit:access'] as const satisfies readonly Permission[];

export function assertCanReadDocuments(actor: Actor) {
  if (!DOCUMENT_READ_PERMISSIONS.some((p) => hasPermission(actor.role, p))) throw new AppError('FORBIDDEN');
}

/** A canonical UUID (anything else would make PostgreSQL throw, not answer NOT_FOUND). */
export const ZId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);

const ZListDocumentsInput = z.object({ applicationId: ZId }).strict();

/** The documents of one application visible to the actor, not deleted, newest first. */
export async function listDocuments(db: Db, actor: Actor, raw: unknown): Promise<DocumentDto[]> {
  assertCanReadDocuments(actor);
  const parsed = ZListDocumentsInput.safeParse(raw);
  if (!parsed.success) throw new AppError('NOT_FOUND');
  const app = await loadScopedApplication(db, actor, parsed.data.applicationId);
  const rows = await db
    .select()
    .from(documents)
    .where(and(eq(documents.applicationId, app.id), isNull(documents.deletedAt)))
    .orderBy(desc(documents.createdAt), desc(documents.id));
  return rows.map(toDocumentDto);
}
