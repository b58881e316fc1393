import type { Metadata } from 'next';
import { requirePageActor } from '@/lib/auth/page-guard';
import { listOrganisations } from '@/lib/server/users/list-organisations';
import { getDb } from '@/lib/server/db';
import { CreateUserForm } from './create-user-form';

export const metadata: Metadata = { title: '新建工作人员账号' };

export default async function NewUserPage() {
  const actor = await requirePageActor('admin', 'admin:users');
  const orgs = await listOrganisations(await getDb(), actor);
  return (
    <div className="max-w-2xl space-y-4">
      <h1 className="text-xl font-semibold">新建工作人员账号</h1>
      <CreateUserForm orgs={orgs} />
    </div>
  );
}

