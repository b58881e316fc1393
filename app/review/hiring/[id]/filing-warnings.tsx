import { FILER_BASIS_LABELS } from '@/lib/domain/hiring-filing-checks';
import type { HiringFilingView } from '@/lib/server/hiring/get-hiring-filing';
import { ConfirmContactButton } from './confirm-contact-button';

/** The enterprise-register check of a filing, for HR: a clear warning, or who the filer is to the enterprise. */
export function FilingWarnings({ f }: { f: HiringFilingView }) {
  if (f.warnings.length === 0) {
    return <p className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800" data-testid="filing-check">{f.filerBasis ? FILER_BASIS_LABELS[f.filerBasis] : ''}；收款户名与企业名称一致。</p>;
  }
  return (
    <section role="alert" className="space-y-2 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="filing-warnings">
      <h2 className="font-semibold">风险提示：请核实后再审核</h2>
      <ul className="list-disc space-y-1 pl-5">
        {f.warnings.map((w) => <li key={w.code} data-code={w.code}>{w.message}</li>)}
      </ul>
      {f.warnings.some((w) => w.code === 'filer_not_contact') && (
        <div className="space-y-1 text-slate-700">
          <p>核验申报人（如法定代表人授权委托书）后，可确认其为该企业联系人；此后其对该企业的申报不再提示。</p>
          <ConfirmContactButton filingId={f.id} />
        </div>
      )}
    </section>
  );
}
