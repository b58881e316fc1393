import { fileResponse, jsonResponse, protectedRoute } from '@/lib/actions/route-helpers';
import { deleteDocument } from '@/lib/server/documents/delete-document';
import { DOCUMENT_READ_PERMISSIONS } from '@/lib/server/documents/list-documents';
import { readDocument } from '@/lib/server/documents/read-document';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** GET /api/documents/:id — the file, inline for preview, or `?download=1` as an attachment. */
export const GET = protectedRoute<{ id: string }>({ permissions: DOCUMENT_READ_PERMISSIONS }, async ({ actor, db, req, params }) => {
  const download = new URL(req.url).searchParams.get('download') === '1';
  const { meta, size, stream } = await readDocument(db, actor, { documentId: params.id, download });
  return fileResponse({ stream, mime: meta.mime, size, fileName: meta.originalName, download });
});

/** DELETE /api/documents/:id — the applicant removes a document from a draft or returned application. */
export const DELETE = protectedRoute<{ id: string }>({ permissions: ['application:create'], sameOrigin: true }, async ({ actor, db, params }) => {
  await deleteDocument(db, actor, { documentId: params.id });
  return jsonResponse({ data: null });
});
