import { jsonRoute } from '@/lib/actions/route';
import { checkAuditChain } from '@/lib/server/audit/check-audit-chain';

export const dynamic = 'force-dynamic';

/** GET /api/audit/verify — the chain check as JSON, for monitoring by the audit office. */
export const GET = jsonRoute('audit:read_log', (actor, db) => checkAuditChain(db, actor));
