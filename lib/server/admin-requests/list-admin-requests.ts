import { alias } from 'drizzle-orm/pg-core';
import { and, desc, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { adminRequests, users } from '@/db/schema';
import { ADMIN_REQUEST_PERMISSION, hasPermission } from '@/lib/auth/permissions';
import { ADMIN_REQUEST_KINDS, availableAdminRequestActions } from '@/lib/domain/workflow/admin-request';
import { AppError } from '@/lib/errors/app-error';
import type { Actor } from '@/lib/server/auth/actor';

const RECENT = 20;

/**
 * The requests an administrator works on — only the kinds they may make and check: every open one
 * with what it would change, and the latest decided ones. The actions offered are for the
 * viewer (the server decides again).
 */
export async function listAdminRequests(db: Db, actor: Actor) {
  const kinds = ADMIN_REQUEST_KINDS.filter((k) => hasPermission(actor.role, ADMIN_REQUEST_PERMISSION[k]));
  if (kinds.length === 0) throw new AppError('FORBIDDEN');
  const proposer = alias(users, 'proposer');
  const decider = alias(users, 'decider');
  const query = (open: boolean) =>
    db
      .select({
        id: adminRequests.id,
        kind: adminRequests.kind,
        status: adminRequests.status,
        summary: adminRequests.summary,
        payload: adminRequests.payload,
        reason: adminRequests.reason,
        proposedBy: adminRequests.proposedBy,
        proposedByName: proposer.realName,
        proposedAt: adminRequests.proposedAt,
        targetUserId: adminRequests.targetUserId,
        decidedByName: decider.realName,
        decidedAt: adminRequests.decidedAt,
        decisionNote: adminRequests.decisionNote,
      })
      .from(adminRequests)
      .innerJoin(proposer, eq(proposer.id, adminRequests.proposedBy))
      .leftJoin(decider, eq(decider.id, adminRequests.decidedBy))
      .where(and(inArray(adminRequests.kind, kinds), open ? eq(adminRequests.status, 'proposed') : ne(adminRequests.status, 'proposed')))
      .orderBy(desc(open ? adminRequests.proposedAt : adminRequests.decidedAt))
      .limit(open ? 200 : RECENT);
  const [open, decided] = await Promise.all([query(true), query(false)]);
  const withActions = (r: (typeof open)[number]) => {
    // The list shows the masked number only.
    const { mobile: _fullMobile, mobileEnc: _sealedMobile, ...payload } = r.payload as Record<string, unknown>;
    return { ...r, payload, actions: availableAdminRequestActions(r, actor.userId) };
  };
  return { open: open.map(withActions), decided: decided.map(withActions) };
}
