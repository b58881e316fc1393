import { boundaryOf, MultipartError, parseMultipart } from '@/lib/actions/multipart';
import { jsonResponse, protectedRoute } from '@/lib/actions/route-helpers';
import { DOCUMENT_MAX_BYTES } from '@/lib/domain/file-sniff';
import { AppError } from '@/lib/errors/app-error';
import { DOCUMENT_READ_PERMISSIONS, listDocuments, type DocumentDto } from '@/lib/server/documents/list-documents';
import { DocumentTooLargeError, uploadDocument } from '@/lib/server/documents/upload-document';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The whole multipart body may exceed the file limit by this much (field values, part headers). */
const MULTIPART_OVERHEAD = 64 * 1024;
const MAX_BODY_BYTES = DOCUMENT_MAX_BYTES + MULTIPART_OVERHEAD;

/** GET /api/applications/:id/documents — the documents of one application the actor may see. */
export const GET = protectedRoute<{ id: string }>({ permissions: DOCUMENT_READ_PERMISSIONS }, async ({ actor, db, params }) =>
  jsonResponse({ data: await listDocuments(db, actor, { applicationId: params.id }) }),
);

/**
 * POST /api/applications/:id/documents — multipart/form-data with `kind`, then `file`.
 * The body is parsed as a stream: refused up front by Content-Length, and counted while read.
 */
export const POST = protectedRoute<{ id: string }>({ permissions: ['application:create'], sameOrigin: true }, async ({ actor, db, req, params }) => {
  const boundary = boundaryOf(req.headers.get('content-type'));
  if (!boundary || !req.body) throw new AppError('INVALID_INPUT', { userMessage: '请选择要上传的文件' });
  const length = req.headers.get('content-length');
  if (length !== null && !/^\d{1,15}$/.test(length.trim())) throw new AppError('INVALID_INPUT');
  if (length !== null && Number(length) > MAX_BODY_BYTES) throw new DocumentTooLargeError();

  let kind: string | undefined;
  let uploaded: DocumentDto | undefined;
  try {
    for await (const part of parseMultipart(req.body, boundary, { maxBodyBytes: MAX_BODY_BYTES, maxParts: 5 })) {
      if (part.type === 'field') {
        if (part.name === 'kind') kind = part.value;
      } else if (part.name === 'file' && !uploaded) {
        uploaded = await uploadDocument(db, actor, { applicationId: params.id, kind, fileName: part.fileName, content: part.body });
      }
      // Anything else is read past and ignored.
    }
  } catch (e) {
    if (e instanceof MultipartError) {
      if (e.reason === 'too_large') throw new DocumentTooLargeError();
      throw new AppError('INVALID_INPUT', { message: e.message, userMessage: '上传的数据格式有误，请重新选择文件上传' });
    }
    throw e;
  }
  if (!uploaded) throw new AppError('INVALID_INPUT', { userMessage: '请选择要上传的文件' });
  return jsonResponse({ data: uploaded }, 201);
});
