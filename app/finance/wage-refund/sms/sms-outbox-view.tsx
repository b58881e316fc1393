import Link from 'next/link';
import { redirect } from 'next/navigation';
import { Pager } from '@/app/_components/pager';
import { dateTimeText } from '@/app/portal/_components/format';
import { requireAreaActor } from '@/lib/auth/page-guard';
import { hasPermission } from '@/lib/auth/permissions';
import { getDb } from '@/lib/server/db';
import { listSmsOutbox } from '@/lib/server/wage-refund/list-sms-outbox';
import { WAGE_REFUND_AREAS, type WageRefundArea } from '../wage-refund-view';

const STATUS = { pending: '待发送', sent: '已发送', failed: '发送失败' } as const;

/** The SMS outbox for operators: to whom (masked) and when, and what — never a code: a code message shows as 验证码短信已发送. Each view is audited. */
export async function SmsOutboxView({ searchParams, area }: { searchParams: Promise<Record<string, string | undefined>>; area: WageRefundArea }) {
  const at = WAGE_REFUND_AREAS[area];
  const actor = await requireAreaActor(area);
  if (!hasPermission(actor.role, 'subsidy:import_insurance_data')) redirect(at.home);
  const sp = await searchParams;
  const out = await listSmsOutbox(await getDb(), actor, { q: sp.q, page: Number(sp.page) || 1 });
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-semibold">短信发送记录</h1>
        <Link href={at.base} className="btn-secondary">返回稳岗返还</Link>
      </div>
      <p className="text-sm text-slate-600">短信由短信网关依次发送；手机号已脱敏，短信内容不含个人信息；含确认码的短信只显示“验证码短信已发送”，确认码任何人都无法在系统中查看（企业遗失短信时请重发确认码）。查看记录会留痕审计。</p>
      <form role="search" className="flex gap-2">
        <input name="q" defaultValue={sp.q} placeholder="搜索短信内容" aria-label="搜索短信内容" className="input max-w-sm" />
        <button className="btn-primary">查询</button>
      </form>
      <div className="card overflow-x-auto p-0">
        <table className="w-full text-left text-sm" data-testid="sms-outbox">
          <thead className="bg-slate-50 text-slate-500"><tr><th className="px-3 py-2">时间</th><th className="px-3 py-2">手机号</th><th className="px-3 py-2">短信内容</th><th className="px-3 py-2">状态</th></tr></thead>
          <tbody>
            {out.rows.map((r) => (
              <tr key={r.id} className="border-t border-slate-100 align-top">
                <td className="whitespace-nowrap px-3 py-2">{dateTimeText(r.createdAt)}</td>
                <td className="whitespace-nowrap px-3 py-2 font-mono">{r.mobileMasked}</td>
                <td className="px-3 py-2">{r.summary}</td>
                <td className="whitespace-nowrap px-3 py-2">{STATUS[r.status]}</td>
              </tr>
            ))}
            {out.rows.length === 0 && <tr><td colSpan={4} className="px-3 py-6 text-center text-slate-500">没有短信记录</td></tr>}
          </tbody>
        </table>
      </div>
      <Pager page={out.page} pageSize={out.pageSize} total={out.total} basePath={`${at.base}/sms`} params={{ q: sp.q }} />
    </div>
  );
}
