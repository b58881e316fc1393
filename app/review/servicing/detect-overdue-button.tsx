'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import type { DetectOverdueResult } from '@/lib/server/servicing/detect-overdue-loans';
import { detectOverdueLoansAction } from '../servicing-actions';

export function DetectOverdueButton() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<DetectOverdueResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = () =>
    start(async () => {
      setError(null);
      const r = await detectOverdueLoansAction();
      if (!r.ok) return setError(r.message);
      setResult(r.data);
      router.refresh();
    });
  return (
    <div className="space-y-2">
      <button type="button" className="btn-secondary" onClick={run} disabled={pending}>{pending ? '检查中…' : '检查逾期'}</button>
      {error && <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{error}</p>}
      {result && (
        <div role="status" className="rounded-md bg-slate-50 px-3 py-2 text-sm" data-testid="overdue-result">
          <p>截至 {result.asOf}：检查在贷贷款 {result.active} 笔，新标记逾期 {result.marked.length} 笔{result.skipped ? `，${result.skipped} 笔正被他人处理，稍后再查` : ''}。</p>
          {result.marked.length > 0 && (
            <ul className="mt-1 list-disc pl-5">
              {result.marked.map((m) => (
                <li key={m.applicationId}>
                  <Link className="font-mono text-brand-600 hover:underline" href={`/review/${m.applicationId}`}>{m.number ?? m.applicationId}</Link>：到期日 {m.maturityDate}，未还本金 {m.outstanding} 元，自 {m.overdueFrom} 起逾期
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
