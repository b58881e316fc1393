import { dateTimeText, yuanText } from '@/app/portal/_components/format';
import type { WageRefundReviewRow, WageRefundSide } from '@/lib/server/wage-refund/list-wage-refund-reviews';
import { SIZE_CLASS_LABELS } from '@/lib/validation/wage-refund';
import { ChangeReviewButtons } from './change-review';

function Side({ s, title, changed }: { s: WageRefundSide; title: string; changed: { size: boolean; account: boolean } }) {
  const mark = (on: boolean) => (on ? 'font-semibold text-amber-800' : '');
  return (
    <div className="rounded-md border border-slate-200 p-2">
      <p className="text-xs text-slate-500">{title}</p>
      <dl className="grid grid-cols-[5rem_1fr] gap-x-2 text-sm">
        <dt className="text-slate-500">企业规模</dt><dd className={mark(changed.size)}>{SIZE_CLASS_LABELS[s.sizeClass]}</dd>
        <dt className="text-slate-500">返还金额</dt><dd className={mark(changed.size)}>{s.eligible ? `${yuanText(s.amountFen)}（${Number(s.ratioPercent)}%）` : '不符合条件'}</dd>
        <dt className="text-slate-500">收款账户</dt>
        <dd className={mark(changed.account)}>{s.accountNoMasked ? <>{s.accountName}<span className="block font-mono text-xs">{s.accountNoMasked}</span><span className="block text-xs">{s.accountBank}</span></> : '（无）'}</dd>
      </dl>
    </div>
  );
}

/** 待人社复核: confirmations that change the size class or the payee account, old and new side by side. */
export function ChangeReviewSection({ rows }: { rows: WageRefundReviewRow[] }) {
  if (rows.length === 0) return null;
  return (
    <section className="card space-y-3" aria-label="待人社复核" data-testid="wage-refund-reviews">
      <h2 className="font-medium">待人社复核（{rows.length} 家）</h2>
      <p className="text-sm text-slate-600">企业确认时更正了企业规模或收款账户。更正须由导入该企业数据以外的人社审核员复核，通过后方可纳入拨付批次。</p>
      <ul className="space-y-3">
        {rows.map((r) => (
          <li key={r.id} className="rounded-md border border-amber-200 bg-amber-50/40 p-3" data-testid="wage-refund-review">
            <p className="font-medium">{r.enterpriseName}<span className="ml-2 font-mono text-xs text-slate-500">{r.uscc}</span></p>
            <p className="text-xs text-slate-500">
              企业确认于 {r.confirmedAt ? dateTimeText(r.confirmedAt) : '—'} · 数据导入人 {r.importedBy ?? '—'} · 更正了{[r.sizeClassChanged && '企业规模', r.accountChanged && '收款账户'].filter(Boolean).join('和')}
            </p>
            <div className="mt-2 grid gap-2 sm:grid-cols-2">
              <Side s={r.before} title="原数据（导入）" changed={{ size: r.sizeClassChanged, account: r.accountChanged }} />
              <Side s={r.after} title="企业更正后" changed={{ size: r.sizeClassChanged, account: r.accountChanged }} />
            </div>
            <div className="mt-2">
              {r.canDecide ? (
                <ChangeReviewButtons recordId={r.id} version={r.version} enterpriseName={r.enterpriseName} />
              ) : (
                <p className="text-sm text-slate-500">{r.ownImport ? '该企业数据由您导入，须由其他人社审核员复核。' : '由人社审核员复核。'}</p>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
