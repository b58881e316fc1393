import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { benefitDecisions, catalogItems } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { parseYuan, formatYuan } from '@/lib/domain/money';
import { computeReturneePackage, RuleError } from '@/lib/domain/rules';
import { AppError } from '@/lib/errors/app-error';
import { openForm } from '@/lib/server/applications/application-form-store';
import { loadScopedApplication } from '@/lib/server/applications/application-scope';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';
import { auditActor, type Actor } from '@/lib/server/auth/actor';
import { now as clock, todayInChina } from '@/lib/server/clock';
import { DEPLOYMENT_DISTRICT, getRuleCatalog } from '@/lib/server/policy/get-rule-catalog';
import { parseOrThrow } from '@/lib/server/review/parse-or-throw';
import type { TApplicationForm } from '@/lib/validation/application';
import { BENEFIT_CATALOG, ZDecideBenefitSchema } from '@/lib/validation/benefits';

const refuse = (field: string, message: string) => new AppError('INVALID_INPUT', { userMessage: message, fieldErrors: { [field]: message } });

/**
 * HR decides one 三免两贴两推荐 item the applicant asked for, during the HR stage: grant or
 * not, with the months of rent waived (within the rule set's range, the waived amount
 * computed by the engine), the course, or the projects / jobs recommended from the catalogues.
 */
export async function decideBenefitItem(db: Db, actor: Actor, raw: unknown): Promise<void> {
  if (!hasPermission(actor.role, 'review:hr')) throw new AppError('FORBIDDEN');
  const input = parseOrThrow(ZDecideBenefitSchema, raw);
  const t = clock();
  const catalog = await getRuleCatalog(db);
  await db.transaction(async (tx) => {
    const app = await loadScopedApplication(tx, actor, input.applicationId, { forUpdate: true });
    if (app.state !== 'pending_hr') throw new AppError('CONFLICT', { userMessage: '只能在人社资格审核环节逐项审核' });
    const form = openForm<TApplicationForm>(app.formEnc);
    if (form.benefits?.[input.item] !== true) throw refuse('item', '申请人未申请该事项');

    const detail: { rentMonths?: number; waivedAmount?: string; catalogItemIds?: number[]; note?: string } = { note: input.note };
    if (input.granted && input.item === 'rentWaiver') {
      if (input.rentMonths === undefined) throw refuse('rentMonths', '请填写免租月数');
      try {
        const pkg = computeReturneePackage(
          { district: DEPLOYMENT_DISTRICT, date: todayInChina(t), localHukou: true, workedOutside: true, businessInDistrict: true, rentWaiverMonths: input.rentMonths, monthlyRent: form.benefits.rentMonthly ? parseYuan(form.benefits.rentMonthly) : 0n },
          catalog,
        );
        detail.rentMonths = input.rentMonths;
        detail.waivedAmount = formatYuan(pkg.rentWaiver?.waivedAmount ?? 0n);
      } catch (e) {
        if (e instanceof RuleError) throw refuse('rentMonths', e.message);
        throw e;
      }
    }
    const catalogKind = BENEFIT_CATALOG[input.item];
    if (input.granted && catalogKind) {
      const ids = [...new Set(input.catalogItemIds ?? [])];
      if (ids.length === 0) throw refuse('catalogItemIds', '请从目录中选择');
      if (input.item === 'training' && ids.length > 1) throw refuse('catalogItemIds', '培训课程只能选择一门');
      const found = await tx.select({ id: catalogItems.id }).from(catalogItems).where(and(inArray(catalogItems.id, ids), eq(catalogItems.kind, catalogKind), eq(catalogItems.active, true)));
      if (found.length !== ids.length) throw refuse('catalogItemIds', '所选目录项不存在或已停用');
      detail.catalogItemIds = ids;
    }
    const row = { applicationId: app.id, item: input.item, granted: input.granted, detail, decidedBy: actor.userId, decidedAt: t };
    await tx.insert(benefitDecisions).values(row).onConflictDoUpdate({ target: [benefitDecisions.applicationId, benefitDecisions.item], set: row });
    await writeAuditLog(tx, { actor: auditActor(actor), event: 'application.benefit_decision', objectType: 'application', objectId: app.id, detail: { item: input.item, granted: input.granted, rentMonths: detail.rentMonths, catalogItemIds: detail.catalogItemIds } }, t);
  });
}
