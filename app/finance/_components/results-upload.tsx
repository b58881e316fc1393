'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import type { ResultRowError } from '@/lib/domain/subsidy-batches/payment-results';

interface Applied {
  paidCount: number;
  failedCount: number;
  paidTotal: string;
  failedTotal: string;
}

type Phase =
  | { kind: 'idle' }
  | { kind: 'uploading'; percent: number }
  | { kind: 'checking' }
  | { kind: 'applied'; data: Applied }
  | { kind: 'rejected'; message: string; errors: ResultRowError[] }
  | { kind: 'failed'; message: string };

const TEMPLATE = '\ufeff序号,状态,银行流水号,失败原因\r\n1,成功,BANK-TXN-0001,\r\n2,失败,,账户已销户\r\n';

function upload(url: string, file: File, onProgress: (percent: number) => void, onSent: () => void): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.upload.onload = onSent;
    xhr.onload = () => resolve({ status: xhr.status, body: xhr.response });
    xhr.onerror = () => reject(new Error('network'));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/** 导入银行回盘文件: any bad row refuses the whole file, listing every error; otherwise every line is marked paid or failed. */
export function ResultsUpload({ batchId }: { batchId: string }) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  const busy = !ready || phase.kind === 'uploading' || phase.kind === 'checking';
  const money = (y: string) => `${y.replace(/\B(?=(\d{3})+(?!\d))/g, ',')} 元`;

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!file) return setPhase({ kind: 'failed', message: '请选择银行回盘文件' });
    if (!/\.(xlsx|csv)$/i.test(file.name)) return setPhase({ kind: 'failed', message: '仅支持 .xlsx 或 .csv 文件' });
    setPhase({ kind: 'uploading', percent: 0 });
    try {
      const { status, body } = await upload(`/api/batches/${batchId}/payment-results`, file, (percent) => setPhase({ kind: 'uploading', percent }), () => setPhase({ kind: 'checking' }));
      const b = (body ?? {}) as { data?: Applied; error?: { message?: string; errors?: ResultRowError[] } };
      if (status === 200 && b.data) {
        setPhase({ kind: 'applied', data: b.data });
        setFile(null);
        if (input.current) input.current.value = '';
      } else if (b.error?.errors?.length) setPhase({ kind: 'rejected', message: b.error.message ?? '文件已退回', errors: b.error.errors });
      else setPhase({ kind: 'failed', message: b.error?.message ?? `导入失败（HTTP ${status}），请稍后重试` });
    } catch {
      setPhase({ kind: 'failed', message: '网络异常，文件未能上传，请重试' });
    }
    router.refresh();
  }

  return (
    <form onSubmit={submit} className="space-y-3" aria-label="导入回盘文件" noValidate>
      <p className="text-sm text-slate-600">银行回盘文件（.xlsx 或 .csv）须包含列：<span className="font-mono">序号（或行号）| 状态（成功/失败）| 银行流水号 | 失败原因</span>，可附“金额”列核对金额。每笔明细须且只能出现一次；任何一行有误，整个文件退回。</p>
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={`results-${batchId}`} className="sr-only">回盘文件</label>
        <input id={`results-${batchId}`} ref={input} type="file" accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" disabled={busy}
          className="block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-brand-50 file:px-3 file:py-2 file:text-brand-700 sm:w-auto"
          onChange={(e) => { setFile(e.target.files?.[0] ?? null); setPhase({ kind: 'idle' }); }} />
        <button className="btn-primary" disabled={busy || !file}>{phase.kind === 'uploading' || phase.kind === 'checking' ? '导入中…' : '上传并对账'}</button>
        <a className="text-sm text-brand-600 hover:underline" href={`data:text/csv;charset=utf-8,${encodeURIComponent(TEMPLATE)}`} download="回盘文件模板.csv">下载模板</a>
      </div>
      {phase.kind === 'uploading' && <p role="status" className="text-sm">正在上传… {phase.percent}%</p>}
      {phase.kind === 'checking' && <p role="status" className="text-sm text-slate-600">已上传，正在逐行校验并对账…</p>}
      {phase.kind === 'failed' && <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{phase.message}</p>}
      {phase.kind === 'applied' && (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800" data-testid="results-applied">
          对账完成：支付成功 {phase.data.paidCount} 笔（{money(phase.data.paidTotal)}），支付失败 {phase.data.failedCount} 笔（{money(phase.data.failedTotal)}）。
        </p>
      )}
      {phase.kind === 'rejected' && (
        <div role="alert" className="space-y-2 rounded-md border border-red-200 bg-red-50 p-3 text-sm" data-testid="results-errors">
          <p className="font-medium text-red-800">{phase.message}</p>
          <div className="max-h-80 overflow-auto rounded bg-white">
            <table className="w-full text-left text-sm">
              <thead className="sticky top-0 bg-slate-50 text-slate-500"><tr><th className="px-2 py-1.5">行号</th><th className="px-2 py-1.5">列</th><th className="px-2 py-1.5">问题</th></tr></thead>
              <tbody>
                {phase.errors.map((er, i) => (
                  <tr key={i} className="border-t border-slate-100"><td className="whitespace-nowrap px-2 py-1.5">{er.row > 0 ? `第 ${er.row} 行` : '整个文件'}</td><td className="whitespace-nowrap px-2 py-1.5">{er.column}</td><td className="px-2 py-1.5">{er.message}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </form>
  );
}
