import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { dateTimeText } from '@/app/portal/_components/format';
import { requireAreaActor } from '@/lib/auth/page-guard';
import { hasPermission } from '@/lib/auth/permissions';
import { getDb } from '@/lib/server/db';
import { listRepaymentImports } from '@/lib/server/servicing/list-repayment-imports';
import { REPAYMENT_IMPORT_COLUMNS, REPAYMENT_IMPORT_MAX_ROWS } from '@/lib/validation/servicing';
import { DetectOverdueButton } from './detect-overdue-button';
import { ImportForm } from './import-form';

export const metadata: Metadata = { title: '还款导入与逾期检查' };

/** The bank officer's servicing desk: upload the bank's repayment file, check the own bank's loans for overdue. */
export default async function ServicingPage() {
  const actor = await requireAreaActor('review');
  if (!hasPermission(actor.role, 'review:bank')) redirect('/review');
  const imports = await listRepaymentImports(await getDb(), actor);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-semibold">还款导入与逾期检查</h1>
        <Link href="/review" className="btn-secondary">返回审核工作台</Link>
      </div>

      <section className="card space-y-3">
        <h2 className="font-medium">导入银行还款文件</h2>
        <div className="text-sm text-slate-600">
          <p>支持 .xlsx 或 .csv（UTF-8）文件，不超过 5 MB、{REPAYMENT_IMPORT_MAX_ROWS.toLocaleString('zh-CN')} 行。第一行为表头，列的顺序不限：</p>
          <p className="mt-1 font-mono text-xs">{Object.values(REPAYMENT_IMPORT_COLUMNS).join(' | ')}</p>
          <p className="mt-1">系统逐行校验；任何一行有误，整个文件退回并列出全部错误，不会只导入一部分。同一文件不能重复导入。</p>
        </div>
        <ImportForm />
      </section>

      <section className="card space-y-3">
        <h2 className="font-medium">逾期检查</h2>
        <p className="text-sm text-slate-600">检查本行全部在贷贷款：已过到期日（展期的按展期后到期日）仍有未还本金的，自到期次日起标记为逾期。重复检查不会重复标记。</p>
        <DetectOverdueButton />
      </section>

      <section className="card space-y-2">
        <h2 className="font-medium">最近导入记录</h2>
        {imports.length === 0 ? (
          <p className="text-sm text-slate-500">暂无导入记录</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm" data-testid="import-history">
              <thead className="bg-slate-50 text-slate-500">
                <tr><th className="px-2 py-1.5">时间</th><th className="px-2 py-1.5">文件</th><th className="px-2 py-1.5 text-right">行数</th><th className="px-2 py-1.5">结果</th><th className="px-2 py-1.5">经办人</th></tr>
              </thead>
              <tbody>
                {imports.map((i) => (
                  <tr key={i.id} className="border-t border-slate-100 align-top">
                    <td className="whitespace-nowrap px-2 py-1.5">{dateTimeText(i.createdAt)}</td>
                    <td className="break-all px-2 py-1.5">{i.fileName}<span className="block font-mono text-xs text-slate-400" title="SHA-256">{i.sha256.slice(0, 16)}…</span></td>
                    <td className="px-2 py-1.5 text-right">{i.rowCount}</td>
                    <td className="px-2 py-1.5">
                      {i.status === 'applied' ? (
                        <span className="text-green-700">已导入</span>
                      ) : (
                        <details>
                          <summary className="cursor-pointer text-red-700">已退回（{i.errors.length} 处错误）</summary>
                          <ul className="mt-1 list-disc pl-5 text-xs text-slate-700">
                            {i.errors.slice(0, 50).map((e, k) => <li key={k}>{e.row > 0 ? `第 ${e.row} 行` : '文件'}{e.column && e.column !== '文件' ? ` · ${e.column}` : ''}：{e.message}</li>)}
                            {i.errors.length > 50 && <li>…… 共 {i.errors.length} 处</li>}
                          </ul>
                        </details>
                      )}
                    </td>
                    <td className="px-2 py-1.5">{i.uploadedBy}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
