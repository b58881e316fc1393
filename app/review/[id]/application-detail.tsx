import { notFound } from 'next/navigation';
import { DocumentsPanel } from '@/app/portal/_components/documents-panel';
import { EngineAnswer } from '@/app/portal/_components/engine-answer';
import { dateTimeText, yuanText } from '@/app/portal/_components/format';
import { StateBadge } from '@/app/portal/_components/state-badge';
import { requireAreaActor } from '@/lib/auth/page-guard';
import { PaperLinks } from '@/app/_components/application-paper';
import { availablePapers, paperFactsFrom } from '@/lib/domain/paper/official-documents';
import { hasPermission, ROLE_LABELS } from '@/lib/auth/permissions';
import type { Role } from '@/lib/domain/roles';
import { formatRate } from '@/lib/domain/money';
import { STATE_LABELS } from '@/lib/domain/workflow/application-states';
import { ACTION_LABELS } from '@/lib/domain/workflow/application-workflow';
import { isAppError } from '@/lib/errors/app-error';
import type { LoanTermsPreview } from '@/lib/server/applications/preview-loan-terms';
import { getApplicationFormOptions } from '@/lib/server/applications/get-application-form-options';
import { todayInChina } from '@/lib/server/clock';
import { getDb } from '@/lib/server/db';
import { getApplicationForReview } from '@/lib/server/review/get-application-for-review';
import { BENEFIT_LABELS, COUNTER_GUARANTEES, LOAN_TYPE_LABELS, MARITAL_STATUSES } from '@/lib/validation/application';
import { RETURNABLE_FIELDS } from '@/lib/validation/return-fields';
import { listCatalogItems } from '@/lib/server/catalog/list-catalog-items';
import { BenefitDecisions } from './benefit-decisions';
import { DecisionForm } from './decision-form';
import { Reveal } from './reveal-button';
import { ContractForm, DisbursementForm } from './loan-forms';
import { ServicingPanel } from './servicing-panel';

const STAGE_LABEL: Partial<Record<Role, string>> = { hr_reviewer: '人社资格审核', guarantee_reviewer: '担保审核', bank_officer: '银行信贷审核' };

function Row({ k, v }: { k: string; v: React.ReactNode }) {
  return <div className="flex gap-2 border-b border-slate-100 py-1.5 text-sm"><dt className="w-32 shrink-0 text-slate-500">{k}</dt><dd className="min-w-0 break-words">{v ?? '—'}</dd></div>;
}

/**
 * One application with everything a reviewer needs; the auditor sees the same page under
 * /audit, where no decision form appears (the use-cases offer the auditor no action).
 */
export async function ApplicationDetailView({ params, area }: { params: Promise<{ id: string }>; area: 'review' | 'audit' }) {
  const actor = await requireAreaActor(area);
  const { id } = await params;
  const db = await getDb();
  const app = await getApplicationForReview(db, actor, id).catch((e) => {
    if (isAppError(e) && e.code === 'NOT_FOUND') notFound();
    throw e;
  });
  const [options, catalogue] = await Promise.all([getApplicationFormOptions(db), listCatalogItems(db)]);
  const f = app.form;
  const label = (list: { code: string; label?: string; name?: string }[], code?: string) => list.find((x) => x.code === code)?.label ?? list.find((x) => x.code === code)?.name ?? code;
  const benefits = Object.entries(f.benefits ?? {}).filter(([, on]) => on === true).map(([k]) => k);
  const today = todayInChina();
  const papers = availablePapers(paperFactsFrom(app, app.events));
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-semibold">{LOAN_TYPE_LABELS[app.loanType]}贷款申请 {app.number}</h1>
        <div className="flex items-center gap-2">
          {app.deadline && <span className={`text-sm ${app.overdue ? 'font-medium text-red-700' : 'text-slate-500'}`}>办理时限 {app.deadline}{app.overdue && '（已超时）'}</span>}
          <StateBadge state={app.state} />
        </div>
      </div>

      <div className="grid gap-4 lg:grid-cols-2">
        <section className="card">
          <h2 className="mb-2 font-medium">申请人</h2>
          <dl>
            <Row k="姓名" v={app.applicantName} />
            <Row k="身份证号" v={hasPermission(actor.role, 'pii:unmask') ? <Reveal applicationId={app.id} field="applicant.idNumber" masked={app.idNumberMasked} /> : <span className="font-mono">{app.idNumberMasked ?? '—'}</span>} />
            <Row k="人员类别" v={label(options.categories, f.applicant.category)} />
            <Row k="类别证明说明" v={f.applicant.categoryNote} />
            <Row k="户籍地址" v={f.applicant.householdAddress} />
            <Row k="婚姻状况" v={MARITAL_STATUSES[f.applicant.maritalStatus]} />
            {f.applicant.maritalStatus === 'married' && <Row k="配偶" v={`${f.applicant.spouseName}（${f.applicant.spouseIdNumber}）`} />}
            <Row k="返乡创业" v={f.returnee.isReturnee ? `是，曾在${f.returnee.workedAwayPlace ?? ''}务工${f.returnee.workedAwayYears ? ` ${f.returnee.workedAwayYears} 年` : ''}` : '否'} />
          </dl>
        </section>
        <section className="card">
          <h2 className="mb-2 font-medium">经营主体与贷款需求</h2>
          <dl>
            <Row k="经营主体" v={f.business.name} />
            <Row k="统一社会信用代码" v={f.business.uscc} />
            <Row k="地址" v={`${app.townName ?? ''} ${f.business.address}`} />
            <Row k="行业 / 成立日期" v={`${f.business.industry} / ${f.business.foundedDate || '未登记'}`} />
            <Row k="带动就业" v={`${f.business.jobsCreated} 人`} />
            {app.loanType === 'enterprise' && <Row k="职工 / 新招用" v={`${f.business.currentStaff} / ${f.business.newHires} 人`} />}
            {app.loanType === 'partnership' && <Row k="合伙人" v={f.partners.map((p) => `${p.name}（${p.idNumber}，${label(options.categories, p.category)}）`).join('；')} />}
            <Row k="申请金额 / 期限" v={`${yuanText(app.requestedAmountFen)} / ${app.termMonths} 个月`} />
            <Row k="用途" v={f.loan.purpose} />
            <Row k="经办银行" v={app.bankName} />
            <Row k="反担保" v={`${COUNTER_GUARANTEES[f.loan.counterGuarantee]}${f.loan.counterGuaranteeNote ? `：${f.loan.counterGuaranteeNote}` : ''}`} />
            <Row k="已贷次数 / 逾期" v={`${f.loan.priorLoans} 次 / ${f.loan.priorOverdue ? '有逾期' : '无逾期'}${f.loan.otherLoans ? '；有其他贷款' : ''}`} />
            <Row k="三免两贴两推荐" v={benefits.map((b) => BENEFIT_LABELS[b]).filter(Boolean).join('、') || '无'} />
            {f.benefits.rentWaiver && <Row k="租用场所" v={`${f.benefits.rentPremises ?? ''}${f.benefits.rentMonthly ? `，月租 ${f.benefits.rentMonthly} 元` : ''}`} />}
          </dl>
        </section>
      </div>

      {app.engineResult ? (
        <section className="card space-y-2">
          <h2 className="font-medium">规则引擎测算（提交时）</h2>
          <EngineAnswer preview={app.engineResult as LoanTermsPreview} audience="reviewer" />
          <details className="text-xs">
            <summary className="cursor-pointer text-brand-600">查看计算过程（trace）</summary>
            <pre className="mt-2 overflow-x-auto rounded bg-slate-50 p-3">{JSON.stringify((app.engineResult as LoanTermsPreview).trace, null, 2)}</pre>
          </details>
        </section>
      ) : null}

      <section className="card">
        <h2 className="mb-3 font-medium">三免两贴两推荐（逐项审核）</h2>
        <BenefitDecisions applicationId={app.id} items={app.benefits} catalogue={catalogue} editable={actor.role === 'hr_reviewer' && app.state === 'pending_hr'} />
      </section>

      <section className="card">
        <h2 className="mb-3 font-medium">申请材料</h2>
        <DocumentsPanel applicationId={app.id} editable={false} />
      </section>

      {app.loan && (
        <section className="card">
          <h2 className="mb-2 font-medium">贷款信息</h2>
          <dl className="grid gap-x-6 sm:grid-cols-2">
            <Row k="合同编号" v={app.loan.contractNo} />
            <Row k="合同金额" v={yuanText(app.loan.principalFen)} />
            <Row k="年利率" v={`${formatRate(BigInt(app.loan.annualRateUnits))}%`} />
            <Row k="签约 / 到期" v={`${app.loan.contractDate} / ${app.loan.maturityDate}`} />
            <Row k="放款" v={app.loan.disbursedDate ? `${app.loan.disbursedDate}，${yuanText(app.loan.disbursedFen)}，借据号 ${app.loan.drawdownNo}${app.loan.payoutAccountMasked ? `，放款账号 ${app.loan.payoutAccountMasked}` : ''}` : '未放款'} />
          </dl>
        </section>
      )}

      {app.actions.includes('approve') && <DecisionForm applicationId={app.id} version={app.version} stageLabel={STAGE_LABEL[actor.role] ?? '审核'} />}
      {app.actions.includes('record_contract') && (
        <ContractForm applicationId={app.id} version={app.version} defaults={{ principal: app.requestedAmountFen ? (BigInt(app.requestedAmountFen) / 100n).toString() : '', termMonths: app.termMonths ?? 12, today }} />
      )}
      {app.actions.includes('disburse') && app.loan && (
        <DisbursementForm applicationId={app.id} version={app.version} defaults={{ amount: (BigInt(app.loan.principalFen) / 100n).toString(), today }} />
      )}

      <ServicingPanel applicationId={app.id} actor={actor} />

      <PaperLinks base={area === 'review' ? `/review/${app.id}/papers` : `/audit/applications/${app.id}/papers`} kinds={papers} />

      <section className="card">
        <h2 className="mb-2 font-medium">办理记录</h2>
        <ol className="space-y-2 text-sm">
          {app.events.map((e) => (
            <li key={e.id} className="border-b border-slate-100 pb-2">
              <span className="text-slate-500">{dateTimeText(e.at)}</span> · {ROLE_LABELS[e.actorRole as Role] ?? e.actorRole} · {e.action === 'create' ? '创建申请' : ACTION_LABELS[e.action]} → {STATE_LABELS[e.toState]}
              {e.reason && <p className="text-slate-700">理由：{e.reason}</p>}
              {e.items?.length ? <ul className="list-disc pl-5 text-slate-700">{e.items.map((i) => <li key={i.field}>{RETURNABLE_FIELDS[i.field] ?? i.field}：{i.note}</li>)}</ul> : null}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
