import type { Metadata } from 'next';
import { requirePageActor } from '@/lib/auth/page-guard';
import { listCatalogItems } from '@/lib/server/catalog/list-catalog-items';
import { getDb } from '@/lib/server/db';
import { CatalogManager } from './catalog-manager';

export const metadata: Metadata = { title: '培训、项目与岗位目录' };

export default async function AdminCatalogPage() {
  await requirePageActor('admin', 'catalog:manage');
  const items = await listCatalogItems(await getDb(), { all: true });
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">培训课程、产业项目与就业岗位目录</h1>
      <CatalogManager items={items} />
    </div>
  );
}
