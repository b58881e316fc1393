import { desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '@/db/client';
import { policyChanges, users } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import type { Actor } from '@/lib/server/auth/actor';
import { getRuleCatalog } from './get-rule-catalog';

/** Proposals (newest first) and the LPR table in force, for the policy page. */
export async function listPolicyChanges(db: Db, actor: Actor) {
  if (!hasPermission(actor.role, 'admin:policy') && !hasPermission(actor.role, 'audit:access')) throw new AppError('FORBIDDEN');
  const proposer = alias(users, 'proposer');
  const decider = alias(users, 'decider');
  const rows = await db
    .select({
      id: policyChanges.id,
      kind: policyChanges.kind,
      summary: policyChanges.summary,
      effectiveFrom: policyChanges.effectiveFrom,
      status: policyChanges.status,
      reason: policyChanges.reason,
      proposedBy: policyChanges.proposedBy,
      proposedByName: proposer.realName,
      proposedAt: policyChanges.proposedAt,
      decidedByName: decider.realName,
      decidedAt: policyChanges.decidedAt,
    })
    .from(policyChanges)
    .innerJoin(proposer, eq(proposer.id, policyChanges.proposedBy))
    .leftJoin(decider, eq(decider.id, policyChanges.decidedBy))
    .orderBy(desc(policyChanges.proposedAt))
    .limit(100);
  const catalog = await getRuleCatalog(db);
  return { rows, lprRows: [...catalog.lprTable.rows].reverse(), ruleSets: catalog.ruleSets.map((s) => ({ id: s.id, kind: s.kind, jurisdiction: s.jurisdiction, effectiveFrom: s.effectiveFrom, version: s.version, title: s.title })) };
}
