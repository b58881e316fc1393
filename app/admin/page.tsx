import type { Metadata } from 'next';
import Link from 'next/link';
import { Pager } from '@/app/_components/pager';
import { userRole, type Role } from '@/db/schema/users';
import { requireAreaActor } from '@/lib/auth/page-guard';
import { hasPermission, ROLE_LABELS } from '@/lib/auth/permissions';
import { getDb } from '@/lib/server/db';
import { listOrganisations } from '@/lib/server/users/list-organisations';
import { listUsers } from '@/lib/server/users/list-users';
import { ResetPasswordButton } from './reset-password-button';
import { UserRoleForm } from './user-role-form';
import { UserStatusButton } from './user-status-button';

export const metadata: Metadata = { title: '系统管理' };

export default async function AdminHome({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireAreaActor('admin');
  const sp = await searchParams;
  const role = userRole.enumValues.includes(sp.role as Role) ? (sp.role as Role) : undefined;
  const db = await getDb();
  const can = {
    users: hasPermission(actor.role, 'admin:users'),
    roles: hasPermission(actor.role, 'admin:roles'),
    credentials: hasPermission(actor.role, 'admin:credentials'),
  };
  const [result, orgs] = await Promise.all([listUsers(db, actor, { q: sp.q?.slice(0, 50), role, page: Number(sp.page) || 1 }), listOrganisations(db, actor)]);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-semibold">用户管理</h1>
        <span className="flex gap-2">
          {can.users && <Link href="/admin/users/new" className="btn-primary">新建账号</Link>}
          <Link href="/admin/requests" className="btn-secondary">待审批申请</Link>
          {can.users && <Link href="/admin/organisations" className="btn-secondary">机构管理</Link>}
          {hasPermission(actor.role, 'admin:policy') && <Link href="/admin/policy" className="btn-secondary">政策参数管理</Link>}
          {hasPermission(actor.role, 'catalog:manage') && <Link href="/admin/catalog" className="btn-secondary">目录管理</Link>}
          {hasPermission(actor.role, 'admin:api_tokens') && <Link href="/admin/api-tokens" className="btn-secondary">银行接口令牌</Link>}
        </span>
      </div>
      <form className="flex flex-wrap gap-2" role="search">
        <input name="q" defaultValue={sp.q} placeholder="用户名 / 姓名 / 手机号" className="input max-w-xs" aria-label="搜索用户" />
        <select name="role" defaultValue={role ?? ''} className="input max-w-[12rem]" aria-label="角色">
          <option value="">全部角色</option>
          {userRole.enumValues.map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}
        </select>
        <button className="btn-primary">查询</button>
      </form>
      <div className="card overflow-x-auto p-0">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-slate-500">
            <tr><th className="px-4 py-2">用户名</th><th className="px-4 py-2">姓名</th><th className="px-4 py-2">角色</th><th className="px-4 py-2">所属机构</th><th className="px-4 py-2">手机</th><th className="px-4 py-2">状态</th><th className="px-4 py-2">操作</th></tr>
          </thead>
          <tbody>
            {result.rows.map((u) => (
              <tr key={u.id} className="border-t border-slate-100">
                <td className="px-4 py-2 font-mono">{u.username}</td>
                <td className="px-4 py-2">{u.realName}</td>
                <td className="px-4 py-2">{ROLE_LABELS[u.role]}</td>
                <td className="px-4 py-2">{u.orgName ?? '—'}</td>
                <td className="px-4 py-2 font-mono">{u.mobile ?? '—'}</td>
                <td className="px-4 py-2">{u.status === 'active' ? '正常' : '已停用'}</td>
                <td className="space-y-1 px-4 py-2">
                  {can.users && u.id !== actor.userId && <UserStatusButton userId={u.id} status={u.status} name={u.realName} />}
                  {can.credentials && u.id !== actor.userId && u.mobile && <ResetPasswordButton userId={u.id} name={u.realName} />}
                  {can.credentials && u.id !== actor.userId && u.role !== 'applicant' && <ResetPasswordButton kind="reset_mfa" userId={u.id} name={u.realName} />}
                  {can.roles && u.id !== actor.userId && u.role !== 'applicant' && <UserRoleForm userId={u.id} name={u.realName} role={u.role} orgCode={u.orgCode} orgs={orgs} />}
                </td>
              </tr>
            ))}
            {result.rows.length === 0 && <tr><td colSpan={7} className="px-4 py-6 text-center text-slate-500">没有符合条件的用户</td></tr>}
          </tbody>
        </table>
      </div>
      <Pager page={result.page} pageSize={result.pageSize} total={result.total} basePath="/admin" params={{ q: sp.q, role }} />
    </div>
  );
}
