import type { Db } from '@/db/client';
import { annualTargets } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { parseYuan } from '@/lib/domain/money';
import { SCORECARD_METRICS } from '@/lib/domain/scorecard/metrics';
import { AppError } from '@/lib/errors/app-error';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';
import { auditActor, type Actor } from '@/lib/server/auth/actor';
import { now as clock } from '@/lib/server/clock';
import { parseOrThrow } from '@/lib/server/review/parse-or-throw';
import { z } from 'zod';

const ZSetTargetSchema = z
  .object({
    year: z.number().int().min(2015).max(2100),
    metric: z.enum(SCORECARD_METRICS.map((m) => m.key) as [string, ...string[]]),
    /** Yuan for money metrics, a whole number otherwise. */
    value: z.string().trim().regex(/^\d{1,12}(\.\d{1,2})?$/, '请输入目标值'),
  })
  .strict();

/** Set one annual target (administrator); money targets are typed in yuan and stored in fen. */
export async function setAnnualTarget(db: Db, actor: Actor, raw: unknown): Promise<void> {
  if (!hasPermission(actor.role, 'targets:manage')) throw new AppError('FORBIDDEN');
  const input = parseOrThrow(ZSetTargetSchema, raw);
  const metric = SCORECARD_METRICS.find((m) => m.key === input.metric)!;
  if (metric.unit === 'count' && input.value.includes('.')) throw new AppError('INVALID_INPUT', { userMessage: '人数、企业数须为整数', fieldErrors: { value: '须为整数' } });
  const target = metric.unit === 'fen' ? parseYuan(input.value) : BigInt(input.value);
  const t = clock();
  await db.transaction(async (tx) => {
    await tx
      .insert(annualTargets)
      .values({ year: input.year, metric: input.metric, target, updatedBy: actor.userId, updatedAt: t })
      .onConflictDoUpdate({ target: [annualTargets.year, annualTargets.metric], set: { target, updatedBy: actor.userId, updatedAt: t } });
    await writeAuditLog(tx, { actor: auditActor(actor), event: 'scorecard.set_target', objectType: 'annual_target', objectId: `${input.year}:${input.metric}`, detail: { target: target.toString() } }, t);
  });
}
