import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { adminRequests, type AdminRequest } from '@/db/schema';
import { ADMIN_REQUEST_PERMISSION, hasPermission } from '@/lib/auth/permissions';
import { checkAdminRequestAction, type AdminRequestState } from '@/lib/domain/workflow/admin-request';
import { AppError } from '@/lib/errors/app-error';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';
import { auditActor, type Actor } from '@/lib/server/auth/actor';
import { now as clock } from '@/lib/server/clock';
import { parseOrThrow } from '@/lib/server/review/parse-or-throw';
import { ZDecideAdminRequestSchema } from '@/lib/validation/admin-requests';
import { ADMIN_REQUEST_HANDLERS } from './kinds';
import type { AppliedRequest } from './kinds/handler';

const REFUSALS = {
  WRONG_KIND: '此类申请须由另一类管理员审批',
  OWN_REQUEST: '不能审批自己提出的申请，请由另一位管理员审批',
  OWN_ACCOUNT: '不能审批与自己账号有关的申请',
  NOT_MAKER: '只有申请人可以撤回申请',
} as const;

/** A refused attempt on the control itself: rolled back, then recorded on its own. */
class Refusal extends Error {
  constructor(readonly reason: keyof typeof REFUSALS, readonly request: AdminRequest) {
    super(reason);
  }
}

/**
 * The checker: a second administrator of the request's kind approves or rejects it (the maker may
 * cancel their own). Approval applies the change in the same transaction as the decision and both
 * audit rows; if the change no longer fits (a name taken meanwhile, …), nothing happens and the
 * request stays open. Attempts to approve one's own request, one about one's own account, or one
 * of another administrator's kind are refused and recorded.
 */
export async function decideAdminRequest(db: Db, actor: Actor, raw: unknown): Promise<{ status: AdminRequestState; shownOnce?: { token: string } }> {
  if (!Object.values(ADMIN_REQUEST_PERMISSION).some((p) => hasPermission(actor.role, p))) throw new AppError('FORBIDDEN');
  const input = parseOrThrow(ZDecideAdminRequestSchema, raw);
  const t = clock();
  try {
    return await db.transaction(async (tx) => {
      const [r] = await tx.select().from(adminRequests).where(eq(adminRequests.id, input.requestId)).for('update');
      if (!r) throw new AppError('NOT_FOUND');
      if (!hasPermission(actor.role, ADMIN_REQUEST_PERMISSION[r.kind])) throw new Refusal('WRONG_KIND', r);
      const check = checkAdminRequestAction(r, input.action, actor.userId);
      if (!check.ok) {
        if (check.code === 'ALREADY_DECIDED') throw new AppError('CONFLICT', { userMessage: '该申请已处理' });
        throw new Refusal(check.code, r);
      }
      const [done] = await tx
        .update(adminRequests)
        .set({ status: check.to, decidedBy: actor.userId, decidedAt: t, decisionNote: input.note ?? null })
        .where(and(eq(adminRequests.id, r.id), eq(adminRequests.status, r.status)))
        .returning({ id: adminRequests.id });
      if (!done) throw new AppError('CONFLICT', { userMessage: '该申请已处理' });
      let applied: AppliedRequest | undefined;
      if (input.action === 'approve') {
        applied = await ADMIN_REQUEST_HANDLERS[r.kind].apply(tx, r, t);
        if (applied.targetUserId) await tx.update(adminRequests).set({ targetUserId: applied.targetUserId }).where(eq(adminRequests.id, r.id));
      }
      await writeAuditLog(tx, { actor: auditActor(actor), event: `admin_request.${input.action}`, objectType: 'admin_request', objectId: r.id, detail: { kind: r.kind, subject: r.subject, proposedBy: r.proposedBy, note: input.note ?? null } }, t);
      if (applied) await writeAuditLog(tx, { actor: auditActor(actor), ...applied.audit }, t);
      return { status: check.to, ...(applied?.shownOnce ? { shownOnce: applied.shownOnce } : {}) };
    });
  } catch (e) {
    if (!(e instanceof Refusal)) throw e;
    await writeAuditLog(db, { actor: auditActor(actor), event: `admin_request.${input.action}`, result: 'failure', objectType: 'admin_request', objectId: e.request.id, detail: { kind: e.request.kind, refused: e.reason, proposedBy: e.request.proposedBy } }, t);
    throw new AppError('FORBIDDEN', { userMessage: REFUSALS[e.reason] });
  }
}
