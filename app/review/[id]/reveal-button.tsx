'use client';

import { useState, useTransition } from 'react';
import { PII_REVEAL_REASONS, type PiiRevealField, type PiiRevealReason } from '@/lib/domain/pii-reveal-reasons';
import { revealPersonalDataAction } from '../actions';

/**
 * Shows the masked value, and the full one on request: the reviewer first picks why and says
 * it in a few words (both go into the audit row the auditor reads); the server counts reveals
 * per person per hour and answers a Chinese refusal past the limit.
 */
export function Reveal({ applicationId, field, masked }: { applicationId: string; field: PiiRevealField; masked: string | null }) {
  const [value, setValue] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const [reasonCode, setReasonCode] = useState<PiiRevealReason | ''>('');
  const [reasonText, setReasonText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    start(async () => {
      setError(null);
      const r = await revealPersonalDataAction({ applicationId, field, reasonCode, reasonText });
      if (r.ok) {
        setValue(r.data.values.join('、'));
        setAsking(false);
      } else setError(r.message);
    });
  };
  return (
    <span className="inline-flex flex-col gap-1">
      <span className="inline-flex flex-wrap items-center gap-2">
        <span className="font-mono" data-testid={`reveal-value-${field}`}>{value ?? masked ?? '—'}</span>
        {!value && masked && !asking && (
          <button type="button" className="text-xs text-brand-600 hover:underline" onClick={() => setAsking(true)}>
            查看完整号码（将记录审计）
          </button>
        )}
      </span>
      {asking && !value && (
        <form onSubmit={submit} className="flex flex-col gap-2 rounded-md border border-slate-200 bg-slate-50 p-2 text-xs" aria-label="查看完整号码的原因">
          <label className="flex flex-col gap-1">
            <span>查看原因</span>
            <select className="input" value={reasonCode} onChange={(e) => setReasonCode(e.target.value as PiiRevealReason)} required>
              <option value="">请选择</option>
              {Object.entries(PII_REVEAL_REASONS).map(([code, label]) => (
                <option key={code} value={code}>{label}</option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1">
            <span>具体说明</span>
            <input className="input" value={reasonText} onChange={(e) => setReasonText(e.target.value)} maxLength={200} required minLength={4} placeholder="如：与申请人现场出示的身份证原件核对" />
          </label>
          <span className="flex gap-2">
            <button className="btn-primary" disabled={pending}>{pending ? '查询中…' : '确认查看'}</button>
            <button type="button" className="btn-secondary" onClick={() => setAsking(false)}>取消</button>
          </span>
        </form>
      )}
      {error && <span role="alert" className="text-xs text-red-600">{error}</span>}
    </span>
  );
}
