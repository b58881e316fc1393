import type { Metadata } from 'next';
import Link from 'next/link';
import { dateTimeText, yuanText } from '@/app/portal/_components/format';
import { requireAreaActor } from '@/lib/auth/page-guard';
import { getDb } from '@/lib/server/db';
import { listMyHiringFilings } from '@/lib/server/hiring/list-my-hiring-filings';
import { HIRING_SCHEME_LABELS } from '@/lib/validation/hiring';
import { HiringStatusBadge } from './hiring-view';

export const metadata: Metadata = { title: '吸纳就业补贴' };

/** The enterprise contact's hiring-subsidy filings. */
export default async function MyHiringFilingsPage() {
  const actor = await requireAreaActor('portal');
  const filings = await listMyHiringFilings(await getDb(), actor);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-semibold">一次性吸纳就业补贴</h1>
        <Link href="/portal/hiring/new" className="btn-primary">新增申报</Link>
      </div>
      <p className="text-sm text-slate-600">
        企业招用高校毕业生、登记失业青年、长期失业人员或就业困难人员，签订 1 年以上劳动合同并连续缴纳社会保险 6 个月以上的，可申报一次性吸纳就业补贴（每人 2,000 元，就业困难人员 6,000 元）；
        一次性扩岗补助每人 1,500 元。同一人员只能享受一次，两项补贴不重复享受。
      </p>
      <section className="card">
        <h2 className="font-medium">我的申报</h2>
        {filings.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">您还没有提交过申报。</p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-100" data-testid="my-hiring-filings">
            {filings.map((f) => (
              <li key={f.id}>
                <Link href={`/portal/hiring/${f.id}`} className="flex flex-wrap items-center justify-between gap-2 py-3 hover:bg-slate-50">
                  <span>
                    <span className="block font-medium">{HIRING_SCHEME_LABELS[f.scheme]} {f.number}</span>
                    <span className="block text-sm text-slate-500">{f.enterpriseName} · {f.policyYear} 年度 · {f.hireCount} 人{f.amountFen !== null ? ` · 核定 ${yuanText(f.amountFen)}` : ''} · {dateTimeText(f.createdAt)}</span>
                  </span>
                  <HiringStatusBadge status={f.status} />
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
