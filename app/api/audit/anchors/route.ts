import { toActionError } from '@/lib/actions/action-result';
import { requirePermission } from '@/lib/auth/session';
import { APP_ERROR_HTTP_STATUS } from '@/lib/errors/app-error';
import { readAuditAnchor } from '@/lib/server/audit/read-audit-anchor';
import { getDb } from '@/lib/server/db';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** GET /api/audit/anchors[?name=anchor-….json] — the newest (or the named) signed anchor file, for the auditor to keep. */
export async function GET(req: Request): Promise<Response> {
  try {
    const actor = await requirePermission('audit:anchor');
    const name = new URL(req.url).searchParams.get('name') ?? undefined;
    const file = await readAuditAnchor(await getDb(), actor, { name });
    return new Response(file.text, {
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'content-disposition': `attachment; filename="${file.name}"`,
        'cache-control': 'private, no-store',
      },
    });
  } catch (e) {
    const err = toActionError(e);
    return Response.json({ error: { code: err.code, message: err.message } }, { status: APP_ERROR_HTTP_STATUS[err.code] });
  }
}
