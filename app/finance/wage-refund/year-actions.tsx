'use client';

import { useHydrated } from '@/app/_components/use-hydrated';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { yuanText } from '@/app/portal/_components/format';
import { createWageRefundBatchAction, notifyWageRefundsAction } from './actions';

/** 通知企业确认 and 生成拨付批次 for one policy year. */
export function WageRefundYearActions({ policyYear, notifiable, confirmed, base }: { policyYear: number; notifiable: number; confirmed: number; base: string }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string; batch?: string } | null>(null);

  const notify = () =>
    start(async () => {
      setMessage(null);
      const r = await notifyWageRefundsAction({ policyYear });
      if (!r.ok) return setMessage({ ok: false, text: r.message });
      setMessage({ ok: true, text: `已向 ${r.data.notified} 家企业发送确认码短信${r.data.withoutMobile ? `；${r.data.withoutMobile} 家符合条件的企业没有联系人手机，无法通知` : ''}。` });
      router.refresh();
    });
  const batch = () =>
    start(async () => {
      setMessage(null);
      if (!window.confirm(`将 ${policyYear} 年度全部已确认的企业生成拨付批次？生成后企业数据不能再修改。`)) return;
      const r = await createWageRefundBatchAction({ policyYear });
      if (!r.ok) return setMessage({ ok: false, text: r.message });
      setMessage({
        ok: true,
        batch: r.data.batchId,
        text: r.data.created
          ? `已生成拨付批次 ${r.data.number}：${r.data.lineCount} 家企业，合计 ${yuanText(r.data.totalFen)}，待人社审核。`
          : `${policyYear} 年度的拨付批次 ${r.data.number} 已生成过（${r.data.lineCount} 家企业，合计 ${yuanText(r.data.totalFen)}），未重复生成。`,
      });
      router.refresh();
    });

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        <button type="button" className="btn-primary" onClick={notify} disabled={!hydrated || pending || notifiable === 0}>通知企业确认（{notifiable} 家）</button>
        <button type="button" className="btn-secondary" onClick={batch} disabled={!hydrated || pending || confirmed === 0}>生成年度拨付批次</button>
        <Link href={`${base}/sms`} className="btn-secondary">短信发送记录</Link>
      </div>
      {message && (
        <p role={message.ok ? 'status' : 'alert'} data-testid="year-action-result" className={`rounded-md px-3 py-2 text-sm ${message.ok ? 'bg-green-50 text-green-800' : 'bg-red-50 text-red-700'}`}>
          {message.text}
        </p>
      )}
    </div>
  );
}

/** (Re)send a code to one enterprise: a new code replaces the old one and lifts a lock. */
export function RenotifyButton({ policyYear, recordId, label }: { policyYear: number; recordId: string; label: string }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span>
      <button
        type="button"
        className="text-xs text-brand-600 hover:underline disabled:opacity-50"
        disabled={!hydrated || pending}
        onClick={() =>
          start(async () => {
            const r = await notifyWageRefundsAction({ policyYear, recordIds: [recordId] });
            if (!r.ok) setError(r.message);
            else router.refresh();
          })
        }
      >
        {pending ? '发送中…' : label}
      </button>
      {error && <span role="alert" className="block text-xs text-red-700">{error}</span>}
    </span>
  );
}
