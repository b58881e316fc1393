'use client';

import { useState, useTransition } from 'react';
import { useHydrated } from '@/app/_components/use-hydrated';
import { proposeAdminRequestAction } from './actions';

const KINDS = {
  reset_password: { label: '重置密码', done: '已提交申请，待另一位安全管理员审批；批准后临时密码以短信发送至本人手机' },
  reset_mfa: { label: '重置身份验证器', done: '已提交申请，待另一位安全管理员审批；批准后本人下次登录时重新绑定' },
} as const;

/**
 * 申请重置密码 / 身份验证器: a request another security administrator approves. A temporary password
 * goes by SMS to the account's own mobile; a reset factor is enrolled anew by the person at the next
 * login — no administrator ever sees either.
 */
export function ResetPasswordButton({ userId, name, kind = 'reset_password' }: { userId: string; name: string; kind?: keyof typeof KINDS }) {
  const hydrated = useHydrated();
  const [pending, start] = useTransition();
  const [reason, setReason] = useState('');
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <details className="text-xs">
      <summary className="cursor-pointer text-blue-700 underline">{KINDS[kind].label}</summary>
      <form
        aria-label={kind === 'reset_password' ? `申请重置 ${name} 的密码` : `申请重置 ${name} 的身份验证器`}
        className="mt-2 flex flex-wrap items-center gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          start(async () => {
            const r = await proposeAdminRequestAction({ kind, userId, reason });
            setMsg(r.ok ? { ok: true, text: KINDS[kind].done } : { ok: false, text: r.message });
          });
        }}
      >
        <input className="input max-w-[14rem]" aria-label="重置理由" placeholder="理由（如：本人来电，已核实身份）" value={reason} onChange={(e) => setReason(e.target.value)} />
        <button className="btn-secondary px-2 py-1" disabled={!hydrated || pending}>提交申请</button>
        {msg && <span role={msg.ok ? 'status' : 'alert'} className={msg.ok ? 'text-green-700' : 'text-red-600'}>{msg.text}</span>}
      </form>
    </details>
  );
}
