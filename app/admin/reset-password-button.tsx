'use client';

import { useState, useTransition } from 'react';
import { useHydrated } from '@/app/_components/use-hydrated';
import { proposeAdminRequestAction } from './actions';

/**
 * 申请重置密码: a request another security administrator approves. The temporary password then goes
 * by SMS to the account's own mobile — no administrator ever sees it.
 */
export function ResetPasswordButton({ userId, name }: { userId: string; name: string }) {
  const hydrated = useHydrated();
  const [pending, start] = useTransition();
  const [reason, setReason] = useState('');
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <details className="text-xs">
      <summary className="cursor-pointer text-blue-700 underline">重置密码</summary>
      <form
        aria-label={`申请重置 ${name} 的密码`}
        className="mt-2 flex flex-wrap items-center gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          start(async () => {
            const r = await proposeAdminRequestAction({ kind: 'reset_password', userId, reason });
            setMsg(r.ok ? { ok: true, text: '已提交申请，待另一位安全管理员审批；批准后临时密码以短信发送至本人手机' } : { ok: false, text: r.message });
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
