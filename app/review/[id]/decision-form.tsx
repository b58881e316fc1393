'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { RETURNABLE_FIELDS } from '@/lib/validation/return-fields';
import { decideApplicationAction } from '../actions';

type Item = { field: string; note: string };

export function DecisionForm({ applicationId, version, stageLabel }: { applicationId: string; version: number; stageLabel: string }) {
  const router = useRouter();
  const [decision, setDecision] = useState<'approve' | 'reject' | 'return'>('approve');
  const [reason, setReason] = useState('');
  const [items, setItems] = useState<Item[]>([{ field: '', note: '' }]);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  const submit = () =>
    start(async () => {
      setError(null);
      const payload = {
        applicationId,
        version,
        decision,
        ...(decision === 'reject' ? { reason } : {}),
        ...(decision === 'approve' && reason ? { reason } : {}),
        ...(decision === 'return' ? { items: items.filter((i) => i.field), reason: reason || undefined } : {}),
      };
      const r = await decideApplicationAction(payload);
      if (r.ok) {
        router.push('/review?done=1');
        router.refresh();
      } else setError(r.message);
    });

  return (
    <section className="card space-y-3" aria-label="审核意见">
      <h2 className="font-medium">{stageLabel}意见</h2>
      <fieldset className="flex flex-wrap gap-3">
        <legend className="sr-only">审核结论</legend>
        {([['approve', '审核通过'], ['return', '退回补正'], ['reject', '不予通过']] as const).map(([v, label]) => (
          <label key={v} className="flex items-center gap-2 rounded-md border border-slate-200 px-3 py-2 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
            <input type="radio" name="decision" value={v} checked={decision === v} onChange={() => setDecision(v)} />
            {label}
          </label>
        ))}
      </fieldset>
      {decision === 'return' && (
        <div className="space-y-2">
          <p className="text-sm text-slate-600">请一次性列出全部需要补正的事项：</p>
          {items.map((it, i) => (
            <div key={i} className="grid gap-2 sm:grid-cols-[14rem_1fr_auto]">
              <select aria-label={`补正事项 ${i + 1}`} className="input" value={it.field} onChange={(e) => setItems(items.map((x, j) => (j === i ? { ...x, field: e.target.value } : x)))}>
                <option value="">请选择事项</option>
                {Object.entries(RETURNABLE_FIELDS).map(([f, label]) => <option key={f} value={f}>{label}</option>)}
              </select>
              <input aria-label={`补正说明 ${i + 1}`} className="input" placeholder="需要如何补正" value={it.note} onChange={(e) => setItems(items.map((x, j) => (j === i ? { ...x, note: e.target.value } : x)))} />
              <button type="button" className="btn-secondary" onClick={() => setItems(items.filter((_, j) => j !== i))} disabled={items.length === 1}>删除</button>
            </div>
          ))}
          <button type="button" className="btn-secondary" onClick={() => setItems([...items, { field: '', note: '' }])}>增加事项</button>
        </div>
      )}
      <div>
        <label htmlFor="reason" className="label">{decision === 'reject' ? '不予通过的理由（必填，申请人可见）' : '审核意见（选填）'}</label>
        <textarea id="reason" rows={3} className="input" value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      {error && <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{error}</p>}
      <button type="button" className="btn-primary" disabled={pending} onClick={submit}>{pending ? '正在提交…' : '提交审核意见'}</button>
    </section>
  );
}
