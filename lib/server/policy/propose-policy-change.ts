import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { policyChanges } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { zRuleSet } from '@/lib/domain/rules';
import { AppError } from '@/lib/errors/app-error';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';
import { auditActor, type Actor } from '@/lib/server/auth/actor';
import { now as clock, todayInChina } from '@/lib/server/clock';
import { parseOrThrow } from '@/lib/server/review/parse-or-throw';
import { ZProposeLprSchema, ZProposeRuleSetSchema } from '@/lib/validation/policy';
import { getRuleCatalog } from './get-rule-catalog';

async function insertProposal(db: Db, actor: Actor, row: { kind: 'lpr_rate' | 'rule_set'; payload: unknown; summary: string; effectiveFrom: string; reason: string }) {
  const t = clock();
  return db.transaction(async (tx) => {
    const [pending] = await tx
      .select({ id: policyChanges.id })
      .from(policyChanges)
      .where(and(eq(policyChanges.status, 'proposed'), eq(policyChanges.kind, row.kind), eq(policyChanges.effectiveFrom, row.effectiveFrom)));
    if (pending) throw new AppError('ALREADY_EXISTS', { userMessage: '同一生效日期已有待审批的变更，请先处理' });
    const [c] = await tx
      .insert(policyChanges)
      .values({ ...row, status: 'proposed', proposedBy: actor.userId, proposedAt: t })
      .returning({ id: policyChanges.id });
    await writeAuditLog(tx, { actor: auditActor(actor), event: 'policy.propose', objectType: 'policy_change', objectId: c.id, detail: { kind: row.kind, effectiveFrom: row.effectiveFrom, summary: row.summary } }, t);
    return { changeId: c.id };
  });
}

/**
 * Propose a new 1-year LPR row (maker). It takes effect only when another administrator
 * approves it; a date before today would change computations already made, so it is refused.
 */
export async function proposeLprRate(db: Db, actor: Actor, raw: unknown) {
  if (!hasPermission(actor.role, 'admin:policy')) throw new AppError('FORBIDDEN');
  const input = parseOrThrow(ZProposeLprSchema, raw);
  if (input.effectiveFrom < todayInChina()) {
    throw new AppError('INVALID_INPUT', { userMessage: '生效日期不能早于今天（已完成的计算不追溯变更）', fieldErrors: { effectiveFrom: '生效日期不能早于今天' } });
  }
  const rate = input.ratePercent.includes('.') ? input.ratePercent.padEnd(input.ratePercent.indexOf('.') + 3, '0') : `${input.ratePercent}.00`;
  const catalog = await getRuleCatalog(db);
  const previous = [...catalog.lprTable.rows].reverse().find((r) => r.effectiveFrom <= input.effectiveFrom);
  return insertProposal(db, actor, {
    kind: 'lpr_rate',
    payload: { effectiveFrom: input.effectiveFrom, ratePercent: rate },
    summary: `一年期 LPR 自 ${input.effectiveFrom} 起为 ${rate}%（原 ${previous?.ratePercent ?? '—'}%）`,
    effectiveFrom: input.effectiveFrom,
    reason: input.reason,
  });
}

/** Propose a new rule-set version (maker): validated by the engine's own schema before anyone can approve it. */
export async function proposeRuleSet(db: Db, actor: Actor, raw: unknown) {
  if (!hasPermission(actor.role, 'admin:policy')) throw new AppError('FORBIDDEN');
  const input = parseOrThrow(ZProposeRuleSetSchema, raw);
  let json: unknown;
  try {
    json = JSON.parse(input.json);
  } catch {
    throw new AppError('INVALID_INPUT', { userMessage: 'JSON 格式错误', fieldErrors: { json: 'JSON 格式错误' } });
  }
  const parsed = zRuleSet.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const message = `规则集不符合格式：${first.path.join('.')} ${first.message}`;
    throw new AppError('INVALID_INPUT', { userMessage: message, fieldErrors: { json: message } });
  }
  const set = parsed.data;
  if (set.effectiveFrom < todayInChina()) {
    throw new AppError('INVALID_INPUT', { userMessage: '生效日期不能早于今天（已完成的计算不追溯变更）', fieldErrors: { json: '生效日期不能早于今天' } });
  }
  const catalog = await getRuleCatalog(db);
  const clash = catalog.ruleSets.find((s) => s.kind === set.kind && s.jurisdiction === set.jurisdiction && s.effectiveFrom === set.effectiveFrom && s.version >= set.version);
  if (clash) throw new AppError('INVALID_INPUT', { userMessage: `同一生效日期已有版本 ${clash.version}，新版本号须更大`, fieldErrors: { json: '版本号须大于现有版本' } });
  return insertProposal(db, actor, {
    kind: 'rule_set',
    payload: set,
    summary: `${set.title}（${set.kind}，${set.jurisdiction}，自 ${set.effectiveFrom}，第 ${set.version} 版）`,
    effectiveFrom: set.effectiveFrom,
    reason: input.reason,
  });
}
