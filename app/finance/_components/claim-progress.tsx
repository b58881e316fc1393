'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';

interface Progress {
  status: string;
  progressDone: number;
  progressTotal: number;
  lineCount: number;
  error: string | null;
}

/**
 * A claim being built: polls its progress every second (a small JSON route) and refreshes the
 * page once the job has finished, so the lines appear without a reload.
 */
export function ClaimProgress({ batchId, initial }: { batchId: string; initial: Progress }) {
  const router = useRouter();
  const [p, setP] = useState(initial);
  const [offline, setOffline] = useState(false);
  const status = useRef(initial.status);

  useEffect(() => {
    if (status.current !== 'building') return;
    let stop = false;
    const tick = async () => {
      try {
        const res = await fetch(`/api/batches/${batchId}/progress`, { cache: 'no-store' });
        const body = (await res.json()) as { data?: Progress };
        if (stop || !body.data) return;
        setOffline(false);
        setP(body.data);
        if (body.data.status !== status.current) {
          status.current = body.data.status;
          router.refresh();
        }
      } catch {
        if (!stop) setOffline(true);
      }
    };
    const timer = setInterval(() => {
      if (status.current === 'building') void tick();
    }, 1000);
    void tick();
    return () => {
      stop = true;
      clearInterval(timer);
    };
  }, [batchId, router]);

  const percent = p.progressTotal > 0 ? Math.floor((p.progressDone / p.progressTotal) * 100) : p.status === 'building' ? 0 : 100;
  if (p.status === 'failed') return <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">生成失败：{p.error}</p>;
  return (
    <div className="space-y-1" data-testid="claim-progress">
      <div className="flex justify-between text-xs text-slate-600">
        <span role="status" aria-live="polite">
          {p.status === 'building' ? `正在生成：已计算 ${p.progressDone} / ${p.progressTotal || '…'} 笔贷款` : `已生成：${p.lineCount} 条明细`}
        </span>
        <span>{percent}%</span>
      </div>
      <div className="h-2 overflow-hidden rounded bg-slate-100" role="progressbar" aria-label="生成进度" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
        <div className="h-full bg-brand-600 transition-all" style={{ width: `${percent}%` }} />
      </div>
      {offline && <p className="text-xs text-amber-700">网络异常，正在重试…</p>}
    </div>
  );
}
