'use client';

import { useState, useTransition } from 'react';
import { ROLE_LABELS } from '@/lib/auth/permissions';
import { ROLES } from '@/lib/domain/roles';
import { proposeAdminRequestAction } from '@/app/admin/actions';

/**
 * 新建工作人员账号 — as a request another system administrator approves. On approval the initial
 * password goes by SMS to the mobile given here; no administrator ever sees it.
 */
export function CreateUserForm({ orgs }: { orgs: { code: string; name: string }[] }) {
  const [v, setV] = useState({ username: '', realName: '', role: '', orgCode: '', mobile: '', reason: '' });
  const [result, setResult] = useState<{ ok: true } | { ok: false; message: string; fieldErrors?: Record<string, string> } | null>(null);
  const [pending, start] = useTransition();
  const set = (k: keyof typeof v) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setV({ ...v, [k]: e.target.value });
  const err = (k: string) => (result && !result.ok ? result.fieldErrors?.[k] : undefined);
  return (
    <form
      className="card space-y-3"
      aria-label="新建工作人员账号"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const r = await proposeAdminRequestAction({ kind: 'create_user', ...v });
          setResult(r.ok ? { ok: true } : { ok: false, message: r.message, fieldErrors: r.fieldErrors });
        });
      }}
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <label className="text-sm">用户名<input className="input" value={v.username} onChange={set('username')} />{err('username') && <span className="field-error">{err('username')}</span>}</label>
        <label className="text-sm">姓名<input className="input" value={v.realName} onChange={set('realName')} />{err('realName') && <span className="field-error">{err('realName')}</span>}</label>
        <label className="text-sm">角色<select className="input" value={v.role} onChange={set('role')}><option value="">请选择</option>{ROLES.filter((r) => r !== 'applicant').map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}</select>{err('role') && <span className="field-error">{err('role')}</span>}</label>
        <label className="text-sm">所属机构<select className="input" value={v.orgCode} onChange={set('orgCode')}><option value="">请选择</option>{orgs.map((o) => <option key={o.code} value={o.code}>{o.name}</option>)}</select>{err('orgCode') && <span className="field-error">{err('orgCode')}</span>}</label>
        <label className="text-sm">本人手机号（接收初始密码）<input className="input" value={v.mobile} onChange={set('mobile')} inputMode="numeric" />{err('mobile') && <span className="field-error">{err('mobile')}</span>}</label>
        <label className="text-sm">申请理由<input className="input" value={v.reason} onChange={set('reason')} placeholder="如：新入职，岗位为…" />{err('reason') && <span className="field-error">{err('reason')}</span>}</label>
      </div>
      {result && !result.ok && <p role="alert" className="text-sm text-red-600">{result.message}</p>}
      {result?.ok && (
        <div role="status" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">
          申请已提交，待另一位系统管理员审批。批准后，初始密码将以短信发送至本人手机，首次登录后须修改。
        </div>
      )}
      <button className="btn-primary" disabled={pending}>提交申请</button>
    </form>
  );
}
