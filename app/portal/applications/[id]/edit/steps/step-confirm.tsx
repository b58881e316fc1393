'use client';

import { useFormContext } from 'react-hook-form';
import type { ApplicationFormOptions } from '@/lib/server/applications/get-application-form-options';
import type { LoanTermsPreview } from '@/lib/server/applications/preview-loan-terms';
import { BENEFIT_LABELS, COUNTER_GUARANTEES, LOAN_TYPE_LABELS, type TApplicationFormInput } from '@/lib/validation/application';
import { EngineAnswer } from '@/app/portal/_components/engine-answer';


export function StepConfirm({ options, preview }: { options: ApplicationFormOptions; preview: LoanTermsPreview | null }) {
  const v = useFormContext<TApplicationFormInput>().getValues();
  const town = options.towns.find((t) => t.code === v.business?.townCode)?.name;
  const bank = options.banks.find((b) => b.code === v.loan?.bankCode)?.name;
  const category = options.categories.find((c) => c.code === v.applicant?.category)?.label;
  const benefits = Object.entries(v.benefits ?? {}).filter(([k, on]) => on === true && BENEFIT_LABELS[k]).map(([k]) => BENEFIT_LABELS[k]);
  const rows: [string, string | undefined][] = [
    ['贷款类型', v.loanType && LOAN_TYPE_LABELS[v.loanType]],
    ['人员类别', category],
    ['经营主体', v.business?.name],
    ['经营地址', `${town ?? ''} ${v.business?.address ?? ''}`],
    ['申请金额', v.loan?.amount ? `${v.loan.amount} 元` : undefined],
    ['贷款期限', v.loan?.termMonths ? `${v.loan.termMonths} 个月` : undefined],
    ['经办银行', bank],
    ['反担保', v.loan?.counterGuarantee && COUNTER_GUARANTEES[v.loan.counterGuarantee]],
    ['合伙人', v.loanType === 'partnership' ? `${v.partners?.length ?? 0} 人（不含本人）` : undefined],
    ['申请的扶持政策', benefits.join('、') || '无'],
  ];
  return (
    <div className="space-y-4">
      <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
        {rows.filter(([, value]) => value).map(([k, value]) => (
          <div key={k} className="flex gap-2 border-b border-slate-100 py-1"><dt className="w-28 shrink-0 text-slate-500">{k}</dt><dd>{value}</dd></div>
        ))}
      </dl>
      {preview ? <EngineAnswer preview={preview} /> : <p className="text-sm text-slate-500">正在测算额度与贴息…</p>}
      <p className="text-xs text-slate-500">提交即表示您承诺所填信息真实有效。提交后在人社部门审核前可以撤回。</p>
    </div>
  );
}
