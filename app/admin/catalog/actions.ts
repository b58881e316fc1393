'use server';

import { revalidatePath } from 'next/cache';
import { runProtected } from '@/lib/actions/protected';
import { saveCatalogItem } from '@/lib/server/catalog/save-catalog-item';

/** Used by both the administrator's and HR's catalogue pages. */
export async function saveCatalogItemAction(input: unknown) {
  const r = await runProtected('catalog:manage', (actor, db) => saveCatalogItem(db, actor, input));
  if (r.ok) {
    revalidatePath('/admin/catalog');
    revalidatePath('/review/catalog');
  }
  return r;
}
