'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { SCORECARD_METRICS } from '@/lib/domain/scorecard/metrics';
import { setAnnualTargetAction } from './actions';

export function TargetForm({ year }: { year: number }) {
  const router = useRouter();
  const [metric, setMetric] = useState<string>(SCORECARD_METRICS[0].key);
  const [value, setValue] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  const unit = SCORECARD_METRICS.find((m) => m.key === metric)?.unit === 'fen' ? '元' : '人/家';
  return (
    <form
      className="card grid gap-3 sm:grid-cols-[1fr_12rem_auto] sm:items-end"
      aria-label="设置年度目标"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const r = await setAnnualTargetAction({ year, metric, value });
          setMessage(r.ok ? { ok: true, text: '已保存' } : { ok: false, text: r.message });
          if (r.ok) router.refresh();
        });
      }}
    >
      <label className="text-sm">指标<select className="input" value={metric} onChange={(e) => setMetric(e.target.value)}>{SCORECARD_METRICS.map((m) => <option key={m.key} value={m.key}>{m.label}</option>)}</select></label>
      <label className="text-sm">{year} 年目标（{unit}）<input className="input" inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} /></label>
      <button className="btn-primary" disabled={pending}>保存目标</button>
      {message && <p role={message.ok ? 'status' : 'alert'} className={`text-sm sm:col-span-3 ${message.ok ? 'text-green-700' : 'text-red-600'}`}>{message.text}</p>}
    </form>
  );
}
