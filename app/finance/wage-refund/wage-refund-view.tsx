import Link from 'next/link';
import { redirect } from 'next/navigation';
import { Pager } from '@/app/_components/pager';
import { dateTimeText, yuanText } from '@/app/portal/_components/format';
import { requireAreaActor } from '@/lib/auth/page-guard';
import { hasPermission } from '@/lib/auth/permissions';
import { todayInChina } from '@/lib/server/clock';
import { getDb } from '@/lib/server/db';
import { getRuleCatalog } from '@/lib/server/policy/get-rule-catalog';
import { listSocialInsuranceImports } from '@/lib/server/wage-refund/list-social-insurance-imports';
import { listWageRefundReviews } from '@/lib/server/wage-refund/list-wage-refund-reviews';
import { listWageRefunds } from '@/lib/server/wage-refund/list-wage-refunds';
import { wageRefundYears } from '@/lib/server/wage-refund/wage-refund-engine';
import { SIZE_CLASS_LABELS, WAGE_REFUND_IMPORT_MAX_ROWS, WAGE_REFUND_STATUS_LABELS, WAGE_REFUND_TEMPLATE_HEADERS } from '@/lib/validation/wage-refund';
import { ChangeReviewSection } from './change-review-section';
import { WageRefundImportForm } from './import-form';
import { RenotifyButton, WageRefundYearActions } from './year-actions';

type SP = Record<string, string | undefined>;
const STATUSES = Object.keys(WAGE_REFUND_STATUS_LABELS) as (keyof typeof WAGE_REFUND_STATUS_LABELS)[];

/** Where the page lives: finance runs it under /finance, HR under /review (the same use-cases decide). */
export const WAGE_REFUND_AREAS = {
  finance: { base: '/finance/wage-refund', home: '/finance', back: '返回财政拨付' },
  review: { base: '/review/wage-refund', home: '/review', back: '返回审核工作台' },
} as const;
export type WageRefundArea = keyof typeof WAGE_REFUND_AREAS;

/** 稳岗返还 免申即享: import last year's social-insurance data, the engine's list, notify, confirmations, the year's batch. */
export async function WageRefundView({ searchParams, area }: { searchParams: Promise<SP>; area: WageRefundArea }) {
  const at = WAGE_REFUND_AREAS[area];
  const actor = await requireAreaActor(area);
  if (!hasPermission(actor.role, 'subsidy:import_insurance_data')) redirect(at.home);
  const sp = await searchParams;
  const db = await getDb();
  const catalog = await getRuleCatalog(db);
  const ruleYears = wageRefundYears(catalog, Number(todayInChina().slice(0, 4)));
  const requested = Number(sp.year);
  const [probe, imports] = await Promise.all([listWageRefunds(db, actor, { policyYear: ruleYears[0] ?? 2025 }), listSocialInsuranceImports(db, actor)]);
  const years = [...new Set([...probe.years, ...ruleYears])].sort((a, b) => b - a);
  const year = years.includes(requested) ? requested : (probe.years[0] ?? ruleYears[0] ?? 2025);
  const status = STATUSES.find((s) => s === sp.status);
  const eligible = sp.eligible === 'yes' || sp.eligible === 'no' ? sp.eligible : undefined;
  const [list, reviews] = await Promise.all([
    listWageRefunds(db, actor, { policyYear: year, q: sp.q?.slice(0, 50), eligible, status, page: Number(sp.page) || 1 }),
    listWageRefundReviews(db, actor, { policyYear: year }),
  ]);
  const s = list.summary;
  const params = { year: String(year), q: sp.q, eligible, status };

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-semibold">稳岗返还（免申即享）</h1>
        <Link href={at.home} className="btn-secondary">{at.back}</Link>
      </div>

      <section className="card space-y-3">
        <h2 className="font-medium">导入上年度参保数据</h2>
        <div className="text-sm text-slate-600">
          <p>支持 .xlsx 或 .csv（UTF-8），不超过 5 MB、{WAGE_REFUND_IMPORT_MAX_ROWS.toLocaleString('zh-CN')} 行。第一行为表头，列的顺序不限：</p>
          <p className="mt-1 break-all font-mono text-xs">{WAGE_REFUND_TEMPLATE_HEADERS.join(' | ')}</p>
          <p className="mt-1">系统逐行校验；任何一行有误，整个文件退回并列出全部错误。校验通过后由规则引擎逐户测算；已确认或已纳入批次的企业不会被覆盖。</p>
        </div>
        <WageRefundImportForm years={ruleYears} defaultYear={year} base={at.base} />
      </section>

      <section className="card space-y-3" aria-label="年度概况">
        <div className="flex flex-wrap items-center gap-2">
          <h2 className="font-medium">年度名单</h2>
          <nav aria-label="查看年度" className="flex flex-wrap gap-1">
            {years.map((y) => (
              <Link key={y} href={`${at.base}?year=${y}`} className={`rounded px-2 py-1 text-sm ${y === year ? 'bg-brand-600 text-white' : 'bg-slate-100 text-slate-700'}`}>{y} 年度</Link>
            ))}
          </nav>
        </div>
        <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4" data-testid="wage-refund-summary">
          <div><dt className="text-slate-500">企业数</dt><dd className="text-lg font-semibold">{s.records}</dd></div>
          <div><dt className="text-slate-500">符合条件</dt><dd className="text-lg font-semibold">{s.eligible} 家 · {yuanText(s.eligibleFen)}</dd></div>
          <div><dt className="text-slate-500">已确认 / 已纳入批次</dt><dd className="text-lg font-semibold">{s.byStatus.confirmed} / {s.byStatus.batched} 家 · {yuanText(s.confirmedFen)}</dd></div>
          <div><dt className="text-slate-500">待确认 / 待人社复核 / 放弃</dt><dd className="text-lg font-semibold">{s.byStatus.notified} / {s.byStatus.pending_review} / {s.byStatus.declined} 家</dd></div>
        </dl>
        <WageRefundYearActions policyYear={year} notifiable={s.notifiable} confirmed={s.byStatus.confirmed} base={at.base} />
      </section>

      <ChangeReviewSection rows={reviews} />

      <section className="space-y-3" aria-label="企业名单">
        <form className="grid gap-2 sm:grid-cols-6" role="search">
          <input type="hidden" name="year" value={year} />
          <input name="q" defaultValue={sp.q} placeholder="单位名称 / 统一社会信用代码" aria-label="搜索企业" className="input sm:col-span-2" />
          <select name="eligible" defaultValue={eligible ?? ''} aria-label="是否符合条件" className="input">
            <option value="">全部企业</option>
            <option value="yes">符合条件</option>
            <option value="no">不符合条件</option>
          </select>
          <select name="status" defaultValue={status ?? ''} aria-label="状态" className="input">
            <option value="">全部状态</option>
            {STATUSES.map((x) => <option key={x} value={x}>{WAGE_REFUND_STATUS_LABELS[x]}</option>)}
          </select>
          <button className="btn-primary">查询</button>
        </form>
        <div className="card overflow-x-auto p-0">
          <table className="w-full text-left text-sm" data-testid="wage-refund-list">
            <thead className="bg-slate-50 text-slate-500">
              <tr>
                <th className="px-3 py-2">单位</th><th className="px-3 py-2">规模</th><th className="px-3 py-2 text-right">月均参保 / 裁员</th><th className="px-3 py-2 text-right">实缴失业保险费</th>
                <th className="px-3 py-2 text-right">返还比例</th><th className="px-3 py-2 text-right">返还金额</th><th className="px-3 py-2">收款账户</th><th className="px-3 py-2">状态</th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((r) => (
                <tr key={r.id} className="border-t border-slate-100 align-top">
                  <td className="px-3 py-2">{r.enterpriseName}<span className="block font-mono text-xs text-slate-500">{r.uscc}</span>{r.contactMobileMasked && <span className="block text-xs text-slate-500">联系人 {r.contactMobileMasked}</span>}</td>
                  <td className="whitespace-nowrap px-3 py-2">{SIZE_CLASS_LABELS[r.sizeClass]}</td>
                  <td className="whitespace-nowrap px-3 py-2 text-right">{r.avgInsured} / {r.layoffs}<span className="block text-xs text-slate-500">裁员率 {r.layoffRatePercent}%</span></td>
                  <td className="whitespace-nowrap px-3 py-2 text-right">{yuanText(r.premiumsPaidFen)}</td>
                  <td className="whitespace-nowrap px-3 py-2 text-right">{r.eligible ? `${Number(r.ratioPercent)}%` : '—'}</td>
                  <td className="whitespace-nowrap px-3 py-2 text-right font-medium">
                    {r.eligible ? yuanText(r.amountFen) : <span className="text-slate-500">不符合条件</span>}
                    {!r.eligible && <ul className="mt-1 list-disc pl-4 text-left text-xs font-normal text-red-700">{r.reasons.map((x) => <li key={x}>{x}</li>)}</ul>}
                  </td>
                  <td className="px-3 py-2">{r.accountNoMasked ? <>{r.accountName}<span className="block font-mono text-xs">{r.accountNoMasked}</span><span className="block text-xs text-slate-500">{r.accountBank}</span></> : <span className="text-slate-400">待企业确认时填写</span>}</td>
                  <td className="whitespace-nowrap px-3 py-2">
                    <span className={r.status === 'confirmed' || r.status === 'batched' ? 'text-green-700' : r.status === 'declined' ? 'text-slate-500' : r.status === 'pending_review' || r.status === 'change_rejected' ? 'text-amber-700' : ''}>{WAGE_REFUND_STATUS_LABELS[r.status]}</span>
                    {r.locked && <span className="block text-xs text-red-700">确认码已锁定</span>}
                    {r.codeExpiresAt && !r.locked && <span className="block text-xs text-slate-500">有效至 {dateTimeText(r.codeExpiresAt)}</span>}
                    {r.confirmedAt && <span className="block text-xs text-slate-500">{dateTimeText(r.confirmedAt)}</span>}
                    {r.eligible && r.contactMobileMasked && r.renotifiable && (
                      <RenotifyButton policyYear={year} recordId={r.id} label={r.status === 'computed' ? '发送确认码' : '重发确认码'} />
                    )}
                  </td>
                </tr>
              ))}
              {list.rows.length === 0 && <tr><td colSpan={8} className="px-3 py-6 text-center text-slate-500">没有符合条件的企业；请先导入参保数据</td></tr>}
            </tbody>
          </table>
        </div>
        <Pager page={list.page} pageSize={list.pageSize} total={list.total} basePath={at.base} params={params} />
      </section>

      <section className="card space-y-2">
        <h2 className="font-medium">最近导入记录</h2>
        {imports.length === 0 ? (
          <p className="text-sm text-slate-500">暂无导入记录</p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm">
            {imports.map((i) => (
              <li key={i.id} className="py-2">
                <span className="font-medium">{i.fileName}</span>（{i.rowCount} 行）· {dateTimeText(i.createdAt)} · {i.uploadedBy} ·{' '}
                {i.status === 'applied' ? <span className="text-green-700">已导入</span> : (
                  <details className="inline">
                    <summary className="inline cursor-pointer text-red-700">已退回（{i.errors.length} 处错误）</summary>
                    <ul className="mt-1 list-disc pl-5 text-xs text-slate-700">
                      {i.errors.slice(0, 50).map((e, k) => <li key={k}>{e.row > 0 ? `第 ${e.row} 行` : '文件'}{e.column && e.column !== '文件' ? ` · ${e.column}` : ''}：{e.message}</li>)}
                    </ul>
                  </details>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
