import type { Db } from '@/db/client';
import { isUniqueViolation } from '@/db/errors';
import { adminRequests } from '@/db/schema';
import { ADMIN_REQUEST_PERMISSION, hasPermission } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';
import { auditActor, type Actor } from '@/lib/server/auth/actor';
import { now as clock } from '@/lib/server/clock';
import { parseOrThrow } from '@/lib/server/review/parse-or-throw';
import { ZProposeAdminRequestSchema, type ProposeAdminRequest } from '@/lib/validation/admin-requests';
import { ADMIN_REQUEST_HANDLERS } from './kinds';
import type { PreparedRequest } from './kinds/handler';

const OPEN_REQUEST = '同一对象已有待审批的申请，请先处理';

/**
 * The maker: an administrator asks for a change to accounts, roles, passwords or bank tokens.
 * Nothing changes yet; the request waits for a second administrator of the same kind. Nobody
 * asks about their own account (one's own password is changed under 修改密码).
 */
export async function proposeAdminRequest(db: Db, actor: Actor, raw: unknown): Promise<{ requestId: string }> {
  // Refuse on the kind asked for before reading anything else: a system administrator cannot ask for a role grant.
  const kind = (raw as { kind?: unknown } | null)?.kind;
  const permission = Object.hasOwn(ADMIN_REQUEST_PERMISSION, String(kind)) ? ADMIN_REQUEST_PERMISSION[kind as keyof typeof ADMIN_REQUEST_PERMISSION] : undefined;
  if (permission ? !hasPermission(actor.role, permission) : !Object.values(ADMIN_REQUEST_PERMISSION).some((p) => hasPermission(actor.role, p))) throw new AppError('FORBIDDEN');
  const input = parseOrThrow(ZProposeAdminRequestSchema, raw);
  if ('userId' in input && input.userId === actor.userId) throw new AppError('FORBIDDEN', { userMessage: '不能为自己的账号提出申请（修改自己的密码请使用“修改密码”）' });
  const t = clock();
  try {
    return await db.transaction(async (tx) => {
      const prepared: PreparedRequest = await (ADMIN_REQUEST_HANDLERS[input.kind].prepare as (tx: unknown, a: Actor, i: ProposeAdminRequest) => Promise<PreparedRequest>)(tx, actor, input);
      const [r] = await tx
        .insert(adminRequests)
        .values({ kind: input.kind, status: 'proposed', ...prepared, reason: input.reason, proposedBy: actor.userId, proposedAt: t })
        .onConflictDoNothing()
        .returning({ id: adminRequests.id });
      if (!r) throw new AppError('ALREADY_EXISTS', { userMessage: OPEN_REQUEST });
      await writeAuditLog(tx, { actor: auditActor(actor), event: 'admin_request.propose', objectType: 'admin_request', objectId: r.id, detail: { kind: input.kind, subject: prepared.subject, summary: prepared.summary } }, t);
      return { requestId: r.id };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('ALREADY_EXISTS', { userMessage: OPEN_REQUEST });
    throw e;
  }
}
