import type { Metadata } from 'next';
import { Pager } from '@/app/_components/pager';
import { requireAreaActor } from '@/lib/auth/page-guard';
import { ROLE_LABELS } from '@/lib/auth/permissions';
import type { Role } from '@/db/schema/users';
import { PII_REVEAL_FIELDS, PII_REVEAL_REASONS, type PiiRevealField } from '@/lib/domain/pii-reveal-reasons';
import { listPersonalDataReveals } from '@/lib/server/audit/list-personal-data-reveals';
import { getDb } from '@/lib/server/db';

export const metadata: Metadata = { title: '个人信息查看记录' };

/** Who saw whose personal number in full, and why — the subject masked, as recorded. */
export default async function AuditRevealsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireAreaActor('audit');
  const sp = await searchParams;
  const list = await listPersonalDataReveals(await getDb(), actor, { q: sp.q, reasonCode: sp.reason, from: sp.from, to: sp.to, page: Number(sp.page) || 1 });
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">个人信息查看记录</h1>
      <p className="text-sm text-slate-600">审核人员每次查看完整身份证号或手机号都须选择原因并说明，系统逐条记录；超过每小时上限的查看被拒绝，也记录在此。</p>
      <form className="flex flex-wrap items-end gap-2" role="search">
        <input name="q" defaultValue={sp.q} placeholder="查看人账号、姓名或申请编号" className="input max-w-xs" aria-label="查看人或申请编号" />
        <select name="reason" defaultValue={sp.reason ?? ''} className="input max-w-[16rem]" aria-label="查看原因">
          <option value="">全部原因</option>
          {Object.entries(PII_REVEAL_REASONS).map(([code, label]) => <option key={code} value={code}>{label}</option>)}
        </select>
        <label className="text-sm text-slate-600">自 <input type="date" name="from" defaultValue={sp.from} className="input w-auto" aria-label="开始日期" /></label>
        <label className="text-sm text-slate-600">至 <input type="date" name="to" defaultValue={sp.to} className="input w-auto" aria-label="结束日期" /></label>
        <button className="btn-primary">查询</button>
      </form>
      <div className="card overflow-x-auto p-0">
        <table className="w-full text-left text-sm" data-testid="reveals-table">
          <thead className="bg-slate-50 text-slate-500">
            <tr>
              <th className="px-3 py-2">时间</th><th className="px-3 py-2">查看人</th><th className="px-3 py-2">被查看人（脱敏）</th>
              <th className="px-3 py-2">信息</th><th className="px-3 py-2">原因</th><th className="px-3 py-2">说明</th><th className="px-3 py-2">结果</th>
            </tr>
          </thead>
          <tbody>
            {list.rows.length === 0 && <tr><td colSpan={7} className="px-3 py-6 text-center text-slate-500">没有符合条件的记录</td></tr>}
            {list.rows.map((r) => (
              <tr key={r.seq} className="border-t border-slate-100 align-top">
                <td className="whitespace-nowrap px-3 py-2">{r.at.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}</td>
                <td className="px-3 py-2">{r.actorName ?? '—'}<div className="text-xs text-slate-500">{r.actorUsername} · {r.actorRole ? ROLE_LABELS[r.actorRole as Role] ?? r.actorRole : ''}</div></td>
                <td className="px-3 py-2">{r.subjectName ?? '—'}<div className="font-mono text-xs text-slate-500">{r.subjectIdMasked ?? ''}{r.applicationNumber ? ` · ${r.applicationNumber}` : ''}</div></td>
                <td className="px-3 py-2">{r.field ? PII_REVEAL_FIELDS[r.field as PiiRevealField] ?? r.field : '—'}</td>
                <td className="px-3 py-2">{r.reasonCode ? PII_REVEAL_REASONS[r.reasonCode] : '未填写'}</td>
                <td className="max-w-xs break-words px-3 py-2">{r.reasonText ?? '—'}</td>
                <td className={`px-3 py-2 ${r.result === 'failure' ? 'text-red-600' : 'text-green-700'}`}>{r.result === 'success' ? '已查看' : r.refused === 'rate_limited' ? '超出每小时上限，已拒绝' : '已拒绝'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager page={list.page} pageSize={list.pageSize} total={list.total} basePath="/audit/reveals" params={{ q: sp.q, reason: sp.reason, from: sp.from, to: sp.to }} />
    </div>
  );
}
