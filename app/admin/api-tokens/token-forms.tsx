'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { proposeAdminRequestAction } from '@/app/admin/actions';

/** 签发接口令牌 — as a request another security administrator approves; the approver receives the token once. */
export function IssueTokenForm({ banks }: { banks: { code: string; name: string }[] }) {
  const router = useRouter();
  const [v, setV] = useState({ bankCode: '', name: '', allowedCidrs: '', reason: '' });
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  return (
    <form
      className="card space-y-3"
      aria-label="申请签发接口令牌"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const r = await proposeAdminRequestAction({ kind: 'issue_api_token', ...v });
          setMsg(r.ok ? { ok: true, text: '已提交申请，待另一位安全管理员审批；批准人将看到一次令牌并交给银行' } : { ok: false, text: r.message });
          if (r.ok) router.refresh();
        });
      }}
    >
      <h2 className="font-medium">申请签发接口令牌</h2>
      <div className="grid gap-3 sm:grid-cols-[16rem_1fr_1fr_auto] sm:items-end">
        <label className="text-sm">经办银行<select className="input" value={v.bankCode} onChange={(e) => setV({ ...v, bankCode: e.target.value })}><option value="">请选择</option>{banks.map((b) => <option key={b.code} value={b.code}>{b.name}</option>)}</select></label>
        <label className="text-sm">用途<input className="input" value={v.name} onChange={(e) => setV({ ...v, name: e.target.value })} placeholder="如：信贷核心系统对接" /></label>
        <label className="text-sm">申请理由<input className="input" value={v.reason} onChange={(e) => setV({ ...v, reason: e.target.value })} placeholder="如：银行函件编号" /></label>
        <button className="btn-primary" disabled={pending}>提交申请</button>
      </div>
      <label className="block text-sm">
        允许的来源地址（可选，CIDR，逗号或换行分隔；留空为不限）
        <textarea className="input font-mono" rows={2} value={v.allowedCidrs} onChange={(e) => setV({ ...v, allowedCidrs: e.target.value })} placeholder="如：203.0.113.0/24, 2001:db8::/32" />
      </label>
      {msg && <p role={msg.ok ? 'status' : 'alert'} className={`text-sm ${msg.ok ? 'text-green-700' : 'text-red-600'}`}>{msg.text}</p>}
    </form>
  );
}

/** 吊销 — also a request; the token keeps working until another security administrator approves. */
export function RevokeButton({ tokenId }: { tokenId: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [reason, setReason] = useState('');
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <details className="text-xs">
      <summary className="cursor-pointer text-red-700 underline">申请吊销</summary>
      <form
        aria-label="申请吊销令牌"
        className="mt-2 flex flex-wrap items-center gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          start(async () => {
            const r = await proposeAdminRequestAction({ kind: 'revoke_api_token', tokenId, reason });
            setMsg(r.ok ? { ok: true, text: '已提交申请，待审批' } : { ok: false, text: r.message });
            if (r.ok) router.refresh();
          });
        }}
      >
        <input className="input max-w-[12rem]" aria-label="吊销理由" value={reason} onChange={(e) => setReason(e.target.value)} />
        <button className="btn-secondary px-2 py-1 text-red-700" disabled={pending}>提交</button>
        {msg && <span role={msg.ok ? 'status' : 'alert'} className={msg.ok ? 'text-green-700' : 'text-red-600'}>{msg.text}</span>}
      </form>
    </details>
  );
}
