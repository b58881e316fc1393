'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState, useTransition } from 'react';
import { requestClaimAction } from './actions';

/** 申报贴息: pick a closed quarter; the claim is generated in the background and its page shows the progress. */
export function RequestClaimForm({ quarters }: { quarters: string[] }) {
  const router = useRouter();
  const [period, setPeriod] = useState(quarters[0] ?? '');
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    start(async () => {
      setError(null);
      const r = await requestClaimAction({ period });
      if (!r.ok) return setError(r.message);
      router.push(`/review/claims/${r.data.id}${r.data.created ? '?requested=1' : ''}`);
    });
  };
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-2" aria-label="申报贴息" noValidate>
      <div>
        <label htmlFor="claim-period" className="label">申报季度</label>
        <select id="claim-period" className="input" value={period} onChange={(e) => setPeriod(e.target.value)}>
          {quarters.map((q) => <option key={q} value={q}>{q.replace('Q', ' 年第 ')} 季度（{q}）</option>)}
        </select>
      </div>
      <button className="btn-primary" disabled={!ready || pending || !period}>{pending ? '提交中…' : '生成贴息申报'}</button>
      {error && <p role="alert" className="w-full rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{error}</p>}
    </form>
  );
}
