import type { LoanTermsPreview } from '@/lib/server/applications/preview-loan-terms';
import { yuanStringText } from './format';

/**
 * The rules engine's answer: as the applicant sees it before submitting (spoken to them: 您), or
 * on the reviewer's copy (spoken of them: 申请人).
 */
export function EngineAnswer({ preview, audience = 'applicant' }: { preview: LoanTermsPreview; audience?: 'applicant' | 'reviewer' }) {
  const e = preview.estimate;
  const who = audience === 'reviewer' ? '申请人' : '您';
  return (
    <section aria-label="政策测算结果" data-testid="engine-answer" className={`rounded-lg border p-4 ${preview.eligible ? 'border-green-200 bg-green-50' : 'border-red-200 bg-red-50'}`}>
      <h3 className={`font-medium ${preview.eligible ? 'text-green-800' : 'text-red-800'}`}>
        {preview.eligible ? `经测算，${who}符合申请条件` : `经测算，${audience === 'reviewer' ? '申请人' : ''}暂不符合申请条件`}
      </h3>
      <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-2 text-sm sm:grid-cols-3">
        <div><dt className="text-slate-500">最高可贷额度</dt><dd className="font-medium">{yuanStringText(preview.maxAmount)}</dd></div>
        <div><dt className="text-slate-500">最长期限</dt><dd className="font-medium">{preview.maxTermMonths} 个月</dd></div>
        <div><dt className="text-slate-500">反担保</dt><dd className="font-medium">{preview.counterGuaranteeRequired ? '需要提供' : '可免除'}</dd></div>
        {e && (
          <>
            <div><dt className="text-slate-500">贷款利率上限</dt><dd className="font-medium">{e.rateCap ?? e.assumedRate}%</dd></div>
            <div><dt className="text-slate-500">财政贴息利率</dt><dd className="font-medium">{e.subsidyRate}%</dd></div>
            <div><dt className="text-slate-500">{audience === 'reviewer' ? '借款人自付利率' : '您自付利率'}</dt><dd className="font-medium">{e.borrowerRate}%</dd></div>
            <div><dt className="text-slate-500">贴息期</dt><dd className="font-medium">约 {e.subsidyMonths} 个月</dd></div>
            <div><dt className="text-slate-500">预计贴息金额</dt><dd className="font-medium">{yuanStringText(e.subsidy)}</dd></div>
            <div><dt className="text-slate-500">预计自付利息</dt><dd className="font-medium">{yuanStringText(e.borrowerInterest)}</dd></div>
          </>
        )}
      </dl>
      {preview.reasons.length > 0 && (
        <ul className="mt-3 list-disc space-y-1 pl-5 text-sm text-red-700">
          {preview.reasons.map((r) => <li key={r.code}>{r.message}</li>)}
        </ul>
      )}
      {e && (
        <p className="mt-3 text-xs text-slate-500">
          测算按签约利率为政策上限 {e.assumedRate}%（一年期 LPR {e.lpr}%）、本金全额未还计算，实际以银行合同和还款情况为准。
        </p>
      )}
    </section>
  );
}
