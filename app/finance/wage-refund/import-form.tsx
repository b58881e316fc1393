'use client';

import { useHydrated } from '@/app/_components/use-hydrated';
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import type { ImportRowError } from '@/lib/validation/servicing';
import { WAGE_REFUND_IMPORT_MAX_BYTES, WAGE_REFUND_TEMPLATE_HEADERS } from '@/lib/validation/wage-refund';

interface Applied {
  importId: string;
  fileName: string;
  policyYear: number;
  rowCount: number;
  created: number;
  updated: number;
  skipped: { row: number; uscc: string; status: string }[];
  eligibleCount: number;
  eligibleTotal: string;
}

type Phase =
  | { kind: 'idle' }
  | { kind: 'uploading'; percent: number }
  | { kind: 'checking' }
  | { kind: 'applied'; data: Applied }
  | { kind: 'rejected'; message: string; errors: ImportRowError[] }
  | { kind: 'failed'; message: string };

const TEMPLATE = `\ufeff${WAGE_REFUND_TEMPLATE_HEADERS.join(',')}\r\n91500234MA5U00000F,开州区示例有限公司,中小微,25,0,36000.00,12,否,否,否,否,13800000000,开州区示例有限公司,6228480012345678901,中国农业银行开州支行\r\n`;

const money = (yuan: string) => {
  const [i, d = '00'] = yuan.split('.');
  return `${i.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${d.padEnd(2, '0')} 元`;
};

function upload(file: File, policyYear: string, onProgress: (percent: number) => void, onSent: () => void): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/wage-refund/import');
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.upload.onload = onSent;
    xhr.onload = () => resolve({ status: xhr.status, body: xhr.response });
    xhr.onerror = () => reject(new Error('network'));
    const form = new FormData();
    form.append('policyYear', policyYear);
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/** 导入参保数据: the policy year and the file; every row error of a refused file is listed. */
export function WageRefundImportForm({ years, defaultYear, base }: { years: number[]; defaultYear: number; base: string }) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [year, setYear] = useState(String(defaultYear));
  const [chosen, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const hydrated = useHydrated();
  const busy = phase.kind === 'uploading' || phase.kind === 'checking' || !hydrated;

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    // The input itself is the truth (a file chosen before the page was interactive is there too).
    const file = input.current?.files?.[0] ?? chosen;
    if (!file) return setPhase({ kind: 'failed', message: '请选择要导入的参保数据文件' });
    if (!/\.(xlsx|csv)$/i.test(file.name)) return setPhase({ kind: 'failed', message: '仅支持 .xlsx 或 .csv 文件' });
    if (file.size > WAGE_REFUND_IMPORT_MAX_BYTES) return setPhase({ kind: 'failed', message: '文件不能超过 5 MB' });
    setPhase({ kind: 'uploading', percent: 0 });
    try {
      const { status, body } = await upload(file, year, (percent) => setPhase({ kind: 'uploading', percent }), () => setPhase({ kind: 'checking' }));
      const b = (body ?? {}) as { data?: Applied; error?: { message?: string; errors?: ImportRowError[] } };
      if (status === 200 && b.data) {
        setPhase({ kind: 'applied', data: b.data });
        setFile(null);
        if (input.current) input.current.value = '';
        router.push(`${base}?year=${b.data.policyYear}`);
      } else if (b.error?.errors?.length) setPhase({ kind: 'rejected', message: b.error.message ?? '文件已退回', errors: b.error.errors });
      else setPhase({ kind: 'failed', message: b.error?.message ?? `导入失败（HTTP ${status}），请稍后重试` });
    } catch {
      setPhase({ kind: 'failed', message: '网络异常，文件未能上传，请重试' });
    }
    router.refresh();
  }

  return (
    <form onSubmit={submit} className="space-y-3" aria-label="导入参保数据" noValidate>
      <div className="grid gap-3 sm:grid-cols-[10rem_1fr]">
        <div>
          <label htmlFor="import-year" className="label">政策年度</label>
          <select id="import-year" className="input" value={year} onChange={(e) => setYear(e.target.value)} disabled={busy}>
            {years.map((y) => <option key={y} value={y}>{y} 年度</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="si-file" className="label">参保数据文件（上年度）</label>
          <input
            id="si-file"
            ref={input}
            type="file"
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            className="block w-full py-1 text-sm file:mr-3 file:rounded-md file:border-0 file:bg-brand-50 file:px-3 file:py-2 file:text-brand-700"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setPhase({ kind: 'idle' });
            }}
            disabled={busy}
          />
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button className="btn-primary" disabled={busy}>{busy ? '导入中…' : '上传并测算'}</button>
        <a className="text-sm text-brand-600 hover:underline" href={`data:text/csv;charset=utf-8,${encodeURIComponent(TEMPLATE)}`} download="稳岗返还参保数据模板.csv">下载 CSV 模板</a>
      </div>

      {phase.kind === 'uploading' && (
        <div role="status" aria-live="polite" className="space-y-1 text-sm">
          <p>正在上传… {phase.percent}%</p>
          <div className="h-2 overflow-hidden rounded bg-slate-100"><div className="h-full bg-brand-600 transition-all" style={{ width: `${phase.percent}%` }} /></div>
        </div>
      )}
      {phase.kind === 'checking' && <p role="status" aria-live="polite" className="text-sm text-slate-600">已上传，正在逐行校验并测算…</p>}
      {phase.kind === 'failed' && <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{phase.message}</p>}
      {phase.kind === 'applied' && (
        <div role="status" className="rounded-md bg-green-50 px-4 py-3 text-sm text-green-800" data-testid="import-result">
          <p className="font-medium">导入成功：{phase.data.fileName}（{phase.data.policyYear} 年度）</p>
          <p>共 {phase.data.rowCount} 家企业，新增 {phase.data.created} 家、更新 {phase.data.updated} 家；符合条件 {phase.data.eligibleCount} 家，测算返还 {money(phase.data.eligibleTotal)}。</p>
          {phase.data.skipped.length > 0 && (
            <p>以下企业已确认或已纳入批次，数据未更新：{phase.data.skipped.map((s) => `第 ${s.row} 行 ${s.uscc}（${s.status}）`).join('；')}</p>
          )}
        </div>
      )}
      {phase.kind === 'rejected' && (
        <div role="alert" className="space-y-2 rounded-md border border-red-200 bg-red-50 p-3 text-sm" data-testid="import-errors">
          <p className="font-medium text-red-800">{phase.message}</p>
          <div className="max-h-96 overflow-auto rounded bg-white">
            <table className="w-full text-left text-sm">
              <thead className="sticky top-0 bg-slate-50 text-slate-500"><tr><th className="px-2 py-1.5">行号</th><th className="px-2 py-1.5">列</th><th className="px-2 py-1.5">问题</th></tr></thead>
              <tbody>
                {phase.errors.map((e, i) => (
                  <tr key={i} className="border-t border-slate-100">
                    <td className="whitespace-nowrap px-2 py-1.5">{e.row > 0 ? `第 ${e.row} 行` : '整个文件'}</td>
                    <td className="whitespace-nowrap px-2 py-1.5">{e.column}</td>
                    <td className="px-2 py-1.5">{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </form>
  );
}
