import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { requireAreaActor } from '@/lib/auth/page-guard';
import { hasPermission } from '@/lib/auth/permissions';
import { listCatalogItems } from '@/lib/server/catalog/list-catalog-items';
import { getDb } from '@/lib/server/db';
import { CatalogManager } from '@/app/admin/catalog/catalog-manager';

export const metadata: Metadata = { title: '培训、项目与岗位目录' };

/** HR maintains the catalogues it recommends from (the administrator can too, under /admin/catalog). */
export default async function ReviewCatalogPage() {
  const actor = await requireAreaActor('review');
  if (!hasPermission(actor.role, 'catalog:manage')) redirect('/forbidden?area=review');
  const items = await listCatalogItems(await getDb(), { all: true });
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">培训课程、产业项目与就业岗位目录</h1>
      <CatalogManager items={items} />
    </div>
  );
}
