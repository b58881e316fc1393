import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { catalogItems } from '@/db/schema';

/** The catalogue entries of one kind (active only, unless `all`). Reference data: readable by any signed-in staff page. */
export async function listCatalogItems(db: DbOrTx, opts: { kind?: 'training_course' | 'industry_project' | 'job'; all?: boolean } = {}) {
  const f = [opts.kind ? eq(catalogItems.kind, opts.kind) : undefined, opts.all ? undefined : eq(catalogItems.active, true)].filter(Boolean);
  return db
    .select({ id: catalogItems.id, kind: catalogItems.kind, name: catalogItems.name, description: catalogItems.description, active: catalogItems.active })
    .from(catalogItems)
    .where(f.length ? and(...f) : undefined)
    .orderBy(asc(catalogItems.kind), asc(catalogItems.id));
}
