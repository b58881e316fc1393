import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { requireAreaActor } from '@/lib/auth/page-guard';
import { ROLE_LABELS } from '@/lib/auth/permissions';
import type { Role } from '@/lib/domain/roles';
import { STATE_LABELS } from '@/lib/domain/workflow/application-states';
import { ACTION_LABELS, availableActions } from '@/lib/domain/workflow/application-workflow';
import type { LoanTermsPreview } from '@/lib/server/applications/preview-loan-terms';
import { getMyApplication } from '@/lib/server/applications/get-my-application';
import { getDb } from '@/lib/server/db';
import { BENEFIT_LABELS, LOAN_TYPE_LABELS } from '@/lib/validation/application';
import { DocumentsPanel } from '@/app/portal/_components/documents-panel';
import { EngineAnswer } from '@/app/portal/_components/engine-answer';
import { dateTimeText, yuanText } from '@/app/portal/_components/format';
import { StateBadge } from '@/app/portal/_components/state-badge';
import { WithdrawButton } from './withdraw-button';
import { PaperLinks } from '@/app/_components/application-paper';
import { availablePapers, paperFactsFrom } from '@/lib/domain/paper/official-documents';
import { LoanSection } from './loan-section';

export const metadata: Metadata = { title: '申请详情' };

export default async function ApplicationDetailPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ submitted?: string }> }) {
  const actor = await requireAreaActor('portal');
  const { id } = await params;
  const { submitted } = await searchParams;
  const app = await getMyApplication(await getDb(), actor, id).catch(() => null);
  if (!app) redirect('/portal');
  const can = availableActions(app.state, 'applicant');
  return (
    <div className="space-y-4">
      {submitted && (
        <p role="status" className="rounded-md bg-green-50 px-4 py-3 text-sm text-green-800">
          申请已提交，受理编号 {app.number}。审核进展会通过站内消息和短信通知您。
        </p>
      )}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-semibold">{LOAN_TYPE_LABELS[app.loanType]}贷款申请 {app.number ?? '（草稿）'}</h1>
        <StateBadge state={app.state} />
      </div>
      <section className="card grid gap-2 text-sm sm:grid-cols-3">
        <div><span className="text-slate-500">申请金额：</span>{yuanText(app.requestedAmountFen)}</div>
        <div><span className="text-slate-500">经办银行：</span>{app.bankName ?? '—'}</div>
        <div><span className="text-slate-500">提交时间：</span>{dateTimeText(app.submittedAt)}</div>
      </section>

      {app.state === 'returned' && (
        <section role="note" className="rounded-md border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900">
          <p className="font-medium">请补正以下事项后重新提交：</p>
          <ul className="mt-2 list-disc pl-5">{(app.returnItems ?? []).map((i) => <li key={i.field}>{i.note}</li>)}</ul>
          <Link href={`/portal/applications/${app.id}/edit`} className="btn-primary mt-3">去补正</Link>
        </section>
      )}
      {app.state === 'draft' && <Link href={`/portal/applications/${app.id}/edit`} className="btn-primary">继续填写</Link>}

      <LoanSection applicationId={app.id} actor={actor} />

      {app.state !== 'draft' && <PaperLinks base={`/portal/applications/${app.id}/papers`} kinds={availablePapers(paperFactsFrom(app, app.events))} />}

      <section className="card">
        <h2 className="font-medium">办理进度</h2>
        <ol className="mt-3 space-y-4 border-l-2 border-brand-100 pl-4" data-testid="timeline">
          {app.events.map((e, i) => (
            <li key={i} className="relative">
              <span className="absolute -left-[1.4rem] top-1 h-3 w-3 rounded-full bg-brand-600" aria-hidden />
              <p className="text-sm font-medium">
                {e.action === 'create' ? '创建申请' : ACTION_LABELS[e.action]} → {STATE_LABELS[e.toState]}
              </p>
              <p className="text-xs text-slate-500">{dateTimeText(e.at)} · {ROLE_LABELS[e.actorRole as Role] ?? e.actorRole}</p>
              {e.reason && <p className="mt-1 text-sm text-slate-700">理由：{e.reason}</p>}
              {e.items && e.items.length > 0 && (
                <ul className="mt-1 list-disc pl-5 text-sm text-slate-700">{e.items.map((it) => <li key={it.field}>{it.note}</li>)}</ul>
              )}
            </li>
          ))}
        </ol>
      </section>

      {app.engineResult ? (
        <section className="card">
          <h2 className="mb-3 font-medium">提交时的政策测算</h2>
          <EngineAnswer preview={app.engineResult as LoanTermsPreview} />
        </section>
      ) : null}

      {app.benefits.length > 0 && (
        <section className="card">
          <h2 className="mb-3 font-medium">三免两贴两推荐</h2>
          <ul className="space-y-2 text-sm" data-testid="benefits">
            {app.benefits.map((b) => (
              <li key={b.item} className="flex flex-wrap justify-between gap-2 border-b border-slate-100 pb-2">
                <span>{BENEFIT_LABELS[b.item]}</span>
                <span className={b.decision ? (b.decision.granted ? 'text-green-700' : 'text-red-700') : 'text-slate-500'}>
                  {b.decision ? (b.decision.granted ? `同意${b.decision.rentMonths ? `，免租 ${b.decision.rentMonths} 个月` : ''}${b.decision.catalogNames.length ? `：${b.decision.catalogNames.join('、')}` : ''}` : `不予支持：${b.decision.note ?? ''}`) : '待审核'}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="card">
        <h2 className="mb-3 font-medium">申请材料</h2>
        <DocumentsPanel applicationId={app.id} editable={app.state === 'draft' || app.state === 'returned'} />
      </section>

      {can.includes('withdraw') && <WithdrawButton applicationId={app.id} />}
    </div>
  );
}
