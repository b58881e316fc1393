import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { policyChanges } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';
import { auditActor, type Actor } from '@/lib/server/auth/actor';
import { now as clock } from '@/lib/server/clock';
import { parseOrThrow } from '@/lib/server/review/parse-or-throw';
import { ZDecidePolicyChangeSchema } from '@/lib/validation/policy';

/** The checker: another administrator approves or rejects a proposal. Nobody checks their own. */
export async function decidePolicyChange(db: Db, actor: Actor, raw: unknown): Promise<void> {
  if (!hasPermission(actor.role, 'admin:policy')) throw new AppError('FORBIDDEN');
  const input = parseOrThrow(ZDecidePolicyChangeSchema, raw);
  const t = clock();
  await db.transaction(async (tx) => {
    const [c] = await tx.select().from(policyChanges).where(eq(policyChanges.id, input.changeId)).for('update');
    if (!c) throw new AppError('NOT_FOUND');
    if (c.status !== 'proposed') throw new AppError('CONFLICT', { userMessage: '该变更已处理' });
    if (c.proposedBy === actor.userId) throw new AppError('FORBIDDEN', { userMessage: '不能审批自己提出的变更，请由另一位管理员审批' });
    const status = input.decision === 'approve' ? 'approved' : 'rejected';
    const [done] = await tx
      .update(policyChanges)
      .set({ status, decidedBy: actor.userId, decidedAt: t, reason: input.reason ?? c.reason })
      .where(and(eq(policyChanges.id, c.id), eq(policyChanges.status, 'proposed')))
      .returning({ id: policyChanges.id });
    if (!done) throw new AppError('CONFLICT');
    await writeAuditLog(tx, { actor: auditActor(actor), event: `policy.${input.decision}`, objectType: 'policy_change', objectId: c.id, detail: { kind: c.kind, effectiveFrom: c.effectiveFrom, summary: c.summary } }, t);
  });
}
