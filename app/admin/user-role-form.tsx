'use client';

import { useState, useTransition } from 'react';
import { useHydrated } from '@/app/_components/use-hydrated';
import { ROLE_LABELS } from '@/lib/auth/permissions';
import { ORG_KIND_OF_ROLE } from '@/lib/domain/role-orgs';
import { ROLES, type Role } from '@/lib/domain/roles';
import { proposeAdminRequestAction } from './actions';

type StaffRole = Exclude<Role, 'applicant'>;
const STAFF_ROLES = ROLES.filter((r): r is StaffRole => r !== 'applicant');

/**
 * 调整角色: a request to move a staff member to another role and organisation. It takes effect
 * when another security administrator approves it — on the member's very next request then.
 */
export function UserRoleForm({ userId, name, role, orgCode, orgs }: { userId: string; name: string; role: StaffRole; orgCode: string | null; orgs: { code: string; name: string; kind: string }[] }) {
  const hydrated = useHydrated();
  const [pending, start] = useTransition();
  const [v, setV] = useState({ role, orgCode: orgCode ?? '', reason: '' });
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const fitting = orgs.filter((o) => ORG_KIND_OF_ROLE[v.role].includes(o.kind));
  return (
    <details className="text-xs">
      <summary className="cursor-pointer text-blue-700 underline">调整角色</summary>
      <form
        aria-label={`调整 ${name} 的角色`}
        className="mt-2 flex flex-wrap items-center gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          start(async () => {
            const r = await proposeAdminRequestAction({ kind: 'change_role', userId, ...v });
            setMsg(r.ok ? { ok: true, text: '已提交申请，待另一位安全管理员审批' } : { ok: false, text: r.message });
          });
        }}
      >
        <select className="input max-w-[10rem]" aria-label="新角色" value={v.role} onChange={(e) => setV({ ...v, role: e.target.value as StaffRole, orgCode: '' })}>
          {STAFF_ROLES.map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}
        </select>
        <select className="input max-w-[14rem]" aria-label="新所属机构" value={v.orgCode} onChange={(e) => setV({ ...v, orgCode: e.target.value })}>
          <option value="">请选择机构</option>
          {fitting.map((o) => <option key={o.code} value={o.code}>{o.name}</option>)}
        </select>
        <input className="input max-w-[14rem]" aria-label="调整理由" placeholder="理由（如：岗位调动通知）" value={v.reason} onChange={(e) => setV({ ...v, reason: e.target.value })} />
        <button className="btn-secondary px-2 py-1" disabled={!hydrated || pending || !v.orgCode}>提交申请</button>
        {msg && <span role={msg.ok ? 'status' : 'alert'} className={msg.ok ? 'text-green-700' : 'text-red-600'}>{msg.text}</span>}
      </form>
    </details>
  );
}
