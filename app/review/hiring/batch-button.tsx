'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { yuanText } from '@/app/portal/_components/format';
import { createHiringBatchAction } from './actions';

/** 生成年度拨付批次 for one year's approved filings. */
export function HiringBatchButton({ policyYear }: { policyYear: number }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const run = () =>
    start(async () => {
      setMsg(null);
      if (!window.confirm(`将 ${policyYear} 年度全部审核通过的申报生成拨付批次？`)) return;
      const r = await createHiringBatchAction({ policyYear });
      if (!r.ok) return setMsg({ ok: false, text: r.message });
      setMsg({
        ok: true,
        text: r.data.created
          ? `已生成拨付批次 ${r.data.number}：${r.data.lineCount} 人，合计 ${yuanText(r.data.totalFen)}。`
          : `${policyYear} 年度的拨付批次 ${r.data.number} 已生成过（${r.data.lineCount} 人，合计 ${yuanText(r.data.totalFen)}），未重复生成。`,
      });
      router.refresh();
    });
  return (
    <span className="inline-flex flex-col gap-1">
      <button type="button" className="btn-secondary" onClick={run} disabled={pending}>{pending ? '生成中…' : `生成 ${policyYear} 年度拨付批次`}</button>
      {msg && <span role={msg.ok ? 'status' : 'alert'} data-testid="hiring-batch-result" className={`text-sm ${msg.ok ? 'text-green-800' : 'text-red-700'}`}>{msg.text}</span>}
    </span>
  );
}
