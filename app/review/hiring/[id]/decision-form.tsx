'use client';

import { useHydrated } from '@/app/_components/use-hydrated';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { decideHiringFilingAction } from '../actions';

export function HiringDecisionForm({ filingId, version }: { filingId: string; version: number }) {
  const router = useRouter();
  const [decision, setDecision] = useState<'approve' | 'reject'>('approve');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const hydrated = useHydrated();
  const submit = () =>
    start(async () => {
      setError(null);
      const r = await decideHiringFilingAction({ filingId, version, decision, ...(reason.trim() ? { reason } : {}) });
      if (r.ok) router.refresh();
      else setError(r.message);
    });
  return (
    <section className="card space-y-3" aria-label="审核意见">
      <h2 className="font-medium">审核意见</h2>
      <fieldset className="flex flex-wrap gap-3">
        <legend className="sr-only">审核结论</legend>
        {([['approve', '审核通过（按规则核定金额）'], ['reject', '不予通过']] as const).map(([v, label]) => (
          <label key={v} className="flex items-center gap-2 rounded-md border border-slate-200 px-3 py-2 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
            <input type="radio" name="decision" value={v} checked={decision === v} onChange={() => setDecision(v)} />
            {label}
          </label>
        ))}
      </fieldset>
      <div>
        <label htmlFor="reason" className="label">{decision === 'reject' ? '不予通过的理由（必填，申报单位可见）' : '审核意见（选填）'}</label>
        <textarea id="reason" rows={3} className="input" value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      {error && <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{error}</p>}
      <button type="button" className="btn-primary" disabled={pending || !hydrated} onClick={submit}>{pending ? '正在提交…' : '提交审核意见'}</button>
    </section>
  );
}
