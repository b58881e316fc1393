'use client';

import { useHydrated } from '@/app/_components/use-hydrated';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { yuanText } from '@/app/portal/_components/format';
import { createHiringBatchAction } from './actions';

/** 生成年度拨付批次: one stable panel (its answer survives the refresh that follows), a year to choose. */
export function HiringBatchButton({ years }: { years: number[] }) {
  const router = useRouter();
  const [policyYear, setPolicyYear] = useState(years[0]);
  const [pending, start] = useTransition();
  const hydrated = useHydrated();
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
    <span className="flex flex-col gap-2">
      <span className="flex flex-wrap items-center gap-2">
        <label htmlFor="batch-year" className="text-sm">政策年度</label>
        <select id="batch-year" className="input w-32" value={policyYear} onChange={(e) => setPolicyYear(Number(e.target.value))}>
          {years.map((y) => <option key={y} value={y}>{y} 年度</option>)}
        </select>
        <button type="button" className="btn-secondary" onClick={run} disabled={pending || !hydrated}>{pending ? '生成中…' : '生成年度拨付批次'}</button>
      </span>
      {msg && <span role={msg.ok ? 'status' : 'alert'} data-testid="hiring-batch-result" className={`text-sm ${msg.ok ? 'text-green-800' : 'text-red-700'}`}>{msg.text}</span>}
    </span>
  );
}
