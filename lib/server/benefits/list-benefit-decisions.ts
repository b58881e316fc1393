import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { benefitDecisions, catalogItems, type Application } from '@/db/schema';
import { openForm } from '@/lib/server/applications/application-form-store';
import type { TApplicationForm } from '@/lib/validation/application';
import { BENEFIT_ITEMS, type BenefitItem } from '@/lib/validation/benefits';

/**
 * The items an application asked for, each with HR's decision (or none yet), catalogue
 * entries resolved to names. Callers load the application within the actor's scope first.
 */
export async function listBenefitDecisions(db: DbOrTx, app: Pick<Application, 'id' | 'formEnc'>) {
  const form = openForm<TApplicationForm>(app.formEnc);
  const requested = BENEFIT_ITEMS.filter((i) => form.benefits?.[i] === true);
  const rows = await db.select().from(benefitDecisions).where(eq(benefitDecisions.applicationId, app.id));
  const ids = rows.flatMap((r) => r.detail.catalogItemIds ?? []);
  const names = ids.length ? await db.select({ id: catalogItems.id, name: catalogItems.name }).from(catalogItems).where(inArray(catalogItems.id, ids)) : [];
  return requested.map((item: BenefitItem) => {
    const d = rows.find((r) => r.item === item);
    return {
      item,
      decision: d ? { granted: d.granted, rentMonths: d.detail.rentMonths, waivedAmount: d.detail.waivedAmount, note: d.detail.note, catalogNames: (d.detail.catalogItemIds ?? []).map((id) => names.find((n) => n.id === id)?.name ?? `#${id}`), decidedAt: d.decidedAt } : null,
    };
  });
}
