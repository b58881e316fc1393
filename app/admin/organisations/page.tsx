import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePageActor } from '@/lib/auth/page-guard';
import { getDb } from '@/lib/server/db';
import { listOrganisationDirectory } from '@/lib/server/organisations/list-organisation-directory';
import { ORG_KIND_LABELS } from '@/lib/validation/organisations';
import { CreateOrganisationForm, RenameOrganisationForm } from './organisation-forms';

export const metadata: Metadata = { title: '机构管理' };

export default async function OrganisationsPage() {
  const actor = await requirePageActor('admin', 'admin:users');
  const orgs = await listOrganisationDirectory(await getDb(), actor);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-semibold">机构管理</h1>
        <Link href="/admin" className="btn-secondary">返回用户管理</Link>
      </div>
      <p className="text-sm text-slate-600">机构类型决定其工作人员可担任的角色（如经办银行的工作人员只能是银行客户经理）。新增的经办银行可在“银行接口令牌”中签发接口令牌。</p>
      <CreateOrganisationForm />
      <div className="card overflow-x-auto p-0">
        <table className="w-full text-left text-sm" data-testid="organisations">
          <thead className="bg-slate-50 text-slate-500">
            <tr><th className="px-4 py-2">机构代码</th><th className="px-4 py-2">类型</th><th className="px-4 py-2">名称</th><th className="px-4 py-2">在用账号</th></tr>
          </thead>
          <tbody>
            {orgs.map((o) => (
              <tr key={o.code} className="border-t border-slate-100" data-code={o.code}>
                <td className="px-4 py-2 font-mono">{o.code}</td>
                <td className="px-4 py-2">{ORG_KIND_LABELS[o.kind]}</td>
                <td className="px-4 py-2"><RenameOrganisationForm code={o.code} name={o.name} /></td>
                <td className="px-4 py-2">{o.activeStaff}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
