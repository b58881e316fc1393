'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { issueApiTokenAction, revokeApiTokenAction } from './actions';

export function IssueTokenForm({ banks }: { banks: { code: string; name: string }[] }) {
  const router = useRouter();
  const [bankCode, setBank] = useState('');
  const [name, setName] = useState('');
  const [token, setToken] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <form
      className="card space-y-3"
      aria-label="签发接口令牌"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const r = await issueApiTokenAction({ bankCode, name });
          if (r.ok) {
            setToken(r.data.token);
            setError(null);
            router.refresh();
          } else setError(r.message);
        });
      }}
    >
      <h2 className="font-medium">签发接口令牌</h2>
      <div className="grid gap-3 sm:grid-cols-[16rem_1fr_auto] sm:items-end">
        <label className="text-sm">经办银行<select className="input" value={bankCode} onChange={(e) => setBank(e.target.value)}><option value="">请选择</option>{banks.map((b) => <option key={b.code} value={b.code}>{b.name}</option>)}</select></label>
        <label className="text-sm">用途<input className="input" value={name} onChange={(e) => setName(e.target.value)} placeholder="如：信贷核心系统对接" /></label>
        <button className="btn-primary" disabled={pending}>签发</button>
      </div>
      {error && <p role="alert" className="text-sm text-red-600">{error}</p>}
      {token && (
        <div role="status" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">
          <p className="font-medium">令牌只显示这一次，请立即安全地交给银行：</p>
          <code className="mt-1 block break-all font-mono" data-testid="new-token">{token}</code>
        </div>
      )}
    </form>
  );
}

export function RevokeButton({ tokenId }: { tokenId: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <button type="button" className="btn-secondary px-2 py-1 text-xs text-red-700" disabled={pending} onClick={() => confirm('确定吊销该令牌吗？吊销后立即失效。') && start(async () => { await revokeApiTokenAction({ tokenId }); router.refresh(); })}>
      吊销
    </button>
  );
}
