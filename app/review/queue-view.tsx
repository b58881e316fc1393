import Link from 'next/link';
import { Pager } from '@/app/_components/pager';
import { dateTimeText, yuanText } from '@/app/portal/_components/format';
import { StateBadge } from '@/app/portal/_components/state-badge';
import { requireAreaActor } from '@/lib/auth/page-guard';
import { hasPermission } from '@/lib/auth/permissions';
import type { Role } from '@/lib/domain/roles';
import { getApplicationFormOptions } from '@/lib/server/applications/get-application-form-options';
import { getDb } from '@/lib/server/db';
import { findReviewQueue, type ReviewQueueInput } from '@/lib/server/review/find-review-queue';
import { LOAN_TYPES, LOAN_TYPE_LABELS } from '@/lib/validation/application';

const STAGE_OF: Partial<Record<Role, string>> = {
  hr_reviewer: '人社资格审核',
  guarantee_reviewer: '担保审核',
  bank_officer: '银行信贷审核与放款',
};

type SP = Record<string, string | undefined>;

/** The reviewers' stage queues under /review; the same list, read-only and across every stage, for the auditor under /audit. */
export async function ApplicationQueueView({ searchParams, area }: { searchParams: Promise<SP>; area: 'review' | 'audit' }) {
  const base = area === 'review' ? '/review' : '/audit/applications';
  const actor = await requireAreaActor(area);
  const sp = await searchParams;
  const db = await getDb();
  const input: ReviewQueueInput = {
    tab: sp.tab === 'all' || area === 'audit' ? 'all' : 'todo',
    q: sp.q?.slice(0, 50),
    loanType: LOAN_TYPES.find((t) => t === sp.loanType),
    townCode: sp.town || undefined,
    overdueOnly: sp.overdue === '1',
    sort: sp.sort === 'submitted_desc' || sp.sort === 'amount_desc' ? sp.sort : 'deadline',
    page: Number(sp.page) || 1,
  };
  const [queue, options] = await Promise.all([findReviewQueue(db, actor, input), getApplicationFormOptions(db)]);
  const params = { tab: input.tab, q: sp.q, loanType: sp.loanType, town: sp.town, overdue: sp.overdue, sort: sp.sort };
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">{area === 'review' ? `审核工作台 · ${STAGE_OF[actor.role]}` : '申请与贷款（只读）'}</h1>
      {area === 'review' && <div className="flex gap-2 text-sm">
        <Link href="/review" className={input.tab === 'todo' ? 'btn-primary' : 'btn-secondary'}>待办</Link>
        <Link href="/review?tab=all" className={input.tab === 'all' ? 'btn-primary' : 'btn-secondary'}>全部</Link>
        {hasPermission(actor.role, 'review:bank') && <Link href="/review/servicing" className="btn-secondary ml-auto">还款导入</Link>}
        {hasPermission(actor.role, 'catalog:manage') && <Link href="/review/catalog" className="btn-secondary ml-auto">目录管理</Link>}
        {hasPermission(actor.role, 'subsidy:decide_hiring') && <Link href="/review/hiring" className="btn-secondary">吸纳就业补贴</Link>}
        {hasPermission(actor.role, 'subsidy:import_insurance_data') && <Link href="/review/wage-refund" className="btn-secondary">稳岗返还</Link>}
      </div>}
      <form className="grid gap-2 sm:grid-cols-6" role="search">
        <input type="hidden" name="tab" value={input.tab} />
        <input name="q" defaultValue={sp.q} placeholder="姓名 / 受理编号 / 身份证号" aria-label="搜索申请" className="input sm:col-span-2" />
        <select name="loanType" defaultValue={sp.loanType ?? ''} aria-label="贷款类型" className="input">
          <option value="">全部类型</option>
          {LOAN_TYPES.map((t) => <option key={t} value={t}>{LOAN_TYPE_LABELS[t]}</option>)}
        </select>
        <select name="town" defaultValue={sp.town ?? ''} aria-label="镇街" className="input">
          <option value="">全部镇街</option>
          {options.towns.map((t) => <option key={t.code} value={t.code}>{t.name}</option>)}
        </select>
        <select name="sort" defaultValue={sp.sort ?? 'deadline'} aria-label="排序" className="input">
          <option value="deadline">按办理时限</option>
          <option value="submitted_desc">按提交时间（新→旧）</option>
          <option value="amount_desc">按申请金额（高→低）</option>
        </select>
        <div className="flex items-center gap-2">
          <label className="flex items-center gap-1 text-sm"><input type="checkbox" name="overdue" value="1" defaultChecked={input.overdueOnly} />仅超时</label>
          <button className="btn-primary">查询</button>
        </div>
      </form>
      <div className="card overflow-x-auto p-0">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-slate-500">
            <tr><th className="px-3 py-2">受理编号</th><th className="px-3 py-2">申请人</th><th className="px-3 py-2">类型</th><th className="px-3 py-2">经营主体 / 镇街</th><th className="px-3 py-2">金额</th><th className="px-3 py-2">状态</th><th className="px-3 py-2">办理时限</th></tr>
          </thead>
          <tbody>
            {queue.rows.map((r) => (
              <tr key={r.id} className={`border-t border-slate-100 ${r.overdue ? 'bg-red-50' : ''}`} data-overdue={r.overdue ? '1' : undefined}>
                <td className="px-3 py-2"><Link className="font-mono text-brand-600 hover:underline" href={`${base}/${r.id}`}>{r.number}</Link></td>
                <td className="px-3 py-2">{r.applicantName}<span className="block font-mono text-xs text-slate-500">{r.idNumberMasked}</span></td>
                <td className="px-3 py-2">{LOAN_TYPE_LABELS[r.loanType]}</td>
                <td className="px-3 py-2">{r.businessName}<span className="block text-xs text-slate-500">{r.townName}</span></td>
                <td className="whitespace-nowrap px-3 py-2">{yuanText(r.requestedAmountFen)}</td>
                <td className="px-3 py-2"><StateBadge state={r.state} /></td>
                <td className={`whitespace-nowrap px-3 py-2 ${r.overdue ? 'font-medium text-red-700' : ''}`}>
                  {r.deadline ?? '—'}{r.overdue && '（已超时）'}
                  <span className="block text-xs text-slate-500">提交 {dateTimeText(r.submittedAt)}</span>
                </td>
              </tr>
            ))}
            {queue.rows.length === 0 && <tr><td colSpan={7} className="px-3 py-6 text-center text-slate-500">没有符合条件的申请</td></tr>}
          </tbody>
        </table>
      </div>
      <Pager page={queue.page} pageSize={queue.pageSize} total={queue.total} totalCapped={queue.totalCapped} hasNext={queue.hasNext} basePath={base} params={params} />
    </div>
  );
}
