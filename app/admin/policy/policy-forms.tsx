'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { decidePolicyChangeAction, proposeLprAction, proposeRuleSetAction } from './actions';

function useSubmit() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const run = (fn: () => Promise<{ ok: boolean; message?: string }>, okText: string) =>
    start(async () => {
      const r = await fn();
      setMessage(r.ok ? { ok: true, text: okText } : { ok: false, text: r.message ?? '操作失败' });
      if (r.ok) router.refresh();
    });
  return { pending, message, run };
}

function Message({ m }: { m: { ok: boolean; text: string } | null }) {
  if (!m) return null;
  return <p role={m.ok ? 'status' : 'alert'} className={`text-sm ${m.ok ? 'text-green-700' : 'text-red-600'}`}>{m.text}</p>;
}

export function ProposeLprForm() {
  const [effectiveFrom, setEffectiveFrom] = useState('');
  const [ratePercent, setRate] = useState('');
  const [reason, setReason] = useState('');
  const { pending, message, run } = useSubmit();
  return (
    <form className="card space-y-3" aria-label="提出 LPR 变更" onSubmit={(e) => { e.preventDefault(); run(() => proposeLprAction({ effectiveFrom, ratePercent, reason }), '已提交，待另一位管理员审批后生效'); }}>
      <h2 className="font-medium">提出一年期 LPR 变更</h2>
      <div className="grid gap-3 sm:grid-cols-3">
        <div><label htmlFor="lpr-date" className="label">生效日期</label><input id="lpr-date" type="date" className="input" value={effectiveFrom} onChange={(e) => setEffectiveFrom(e.target.value)} /></div>
        <div><label htmlFor="lpr-rate" className="label">利率（%）</label><input id="lpr-rate" inputMode="decimal" className="input" value={ratePercent} onChange={(e) => setRate(e.target.value)} /></div>
        <div><label htmlFor="lpr-reason" className="label">依据</label><input id="lpr-reason" className="input" placeholder="如：人民银行授权全国银行间同业拆借中心公告" value={reason} onChange={(e) => setReason(e.target.value)} /></div>
      </div>
      <Message m={message} />
      <button className="btn-primary" disabled={pending}>提交审批</button>
    </form>
  );
}

export function ProposeRuleSetForm({ template }: { template: string }) {
  const [json, setJson] = useState(template);
  const [reason, setReason] = useState('');
  const { pending, message, run } = useSubmit();
  return (
    <form className="card space-y-3" aria-label="提出规则集新版本" onSubmit={(e) => { e.preventDefault(); run(() => proposeRuleSetAction({ json, reason }), '已提交，待另一位管理员审批后生效'); }}>
      <h2 className="font-medium">提出规则集新版本</h2>
      <p className="text-sm text-slate-600">以现行版本为模板修改（额度、利率上限、贴息方式、贴息期限等），并修改生效日期和版本号。系统按规则引擎的格式校验后方可提交。</p>
      <label htmlFor="rs-json" className="label">规则集（JSON）</label>
      <textarea id="rs-json" rows={14} className="input font-mono text-xs" value={json} onChange={(e) => setJson(e.target.value)} />
      <div><label htmlFor="rs-reason" className="label">依据</label><input id="rs-reason" className="input" value={reason} onChange={(e) => setReason(e.target.value)} /></div>
      <Message m={message} />
      <button className="btn-primary" disabled={pending}>提交审批</button>
    </form>
  );
}

export function DecideButtons({ changeId }: { changeId: string }) {
  const { pending, message, run } = useSubmit();
  return (
    <div className="flex flex-wrap items-center gap-2">
      <button type="button" className="btn-primary px-3 py-1 text-xs" disabled={pending} onClick={() => run(() => decidePolicyChangeAction({ changeId, decision: 'approve' }), '已批准')}>批准</button>
      <button
        type="button"
        className="btn-secondary px-3 py-1 text-xs"
        disabled={pending}
        onClick={() => {
          const reason = prompt('驳回理由');
          if (reason) run(() => decidePolicyChangeAction({ changeId, decision: 'reject', reason }), '已驳回');
        }}
      >
        驳回
      </button>
      <Message m={message} />
    </div>
  );
}
