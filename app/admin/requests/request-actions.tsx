'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useHydrated } from '@/app/_components/use-hydrated';
import type { AdminRequestAction } from '@/lib/domain/workflow/admin-request';
import { decideAdminRequestAction } from '../actions';

const DONE: Record<AdminRequestAction, string> = { approve: '已批准，已生效', reject: '已驳回', cancel: '已撤回' };

/** Approve / reject (the checker) or cancel (the maker) — only the actions the server would allow this viewer. */
export function RequestActions({ requestId, actions }: { requestId: string; actions: AdminRequestAction[] }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [pending, start] = useTransition();
  const [note, setNote] = useState('');
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [token, setToken] = useState<string | null>(null);
  const run = (action: AdminRequestAction) =>
    start(async () => {
      const r = await decideAdminRequestAction({ requestId, action, ...(note ? { note } : {}) });
      setMsg(r.ok ? { ok: true, text: DONE[action] } : { ok: false, text: r.message });
      if (r.ok && r.data.shownOnce) setToken(r.data.shownOnce.token);
      if (r.ok && !r.data.shownOnce) router.refresh();
    });
  if (actions.length === 0 && !msg) return <span className="text-xs text-slate-500">待同类的另一位管理员审批</span>;
  return (
    <div className="space-y-1 text-xs">
      {!msg?.ok && (
        <div className="flex flex-wrap items-center gap-2">
          {(actions.includes('approve') || actions.includes('reject')) && (
            <input className="input max-w-[12rem]" aria-label="审批意见" placeholder="意见（驳回必填）" value={note} onChange={(e) => setNote(e.target.value)} />
          )}
          {actions.includes('approve') && <button type="button" className="btn-primary px-3 py-1" disabled={!hydrated || pending} onClick={() => run('approve')}>批准</button>}
          {actions.includes('reject') && <button type="button" className="btn-secondary px-3 py-1" disabled={!hydrated || pending} onClick={() => run('reject')}>驳回</button>}
          {actions.includes('cancel') && <span className="text-slate-500">待同类的另一位管理员审批</span>}
          {actions.includes('cancel') && <button type="button" className="btn-secondary px-3 py-1" disabled={!hydrated || pending} onClick={() => run('cancel')}>撤回申请</button>}
        </div>
      )}
      {msg && <p role={msg.ok ? 'status' : 'alert'} className={msg.ok ? 'text-green-700' : 'text-red-600'}>{msg.text}</p>}
      {token && (
        <div role="status" className="rounded-md bg-amber-50 p-2 text-amber-900">
          <p className="font-medium">令牌只显示这一次，请立即安全地交给银行：</p>
          <code className="mt-1 block break-all font-mono" data-testid="new-token">{token}</code>
        </div>
      )}
    </div>
  );
}
