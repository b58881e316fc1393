'use client';

import { useHydrated } from '@/app/_components/use-hydrated';
import { useState, useTransition } from 'react';
import { yuanText } from '@/app/portal/_components/format';
import type { WageRefundConfirmationView } from '@/lib/server/wage-refund/get-wage-refund-for-confirmation';
import { SIZE_CLASS_LABELS } from '@/lib/validation/wage-refund';
import { confirmWageRefundAction, openWageRefundAction } from './actions';

type Size = 'large' | 'sme';

const pct = (p: string) => `${Number(p)}%`;

function ErrorBox({ message }: { message: string | null }) {
  return message ? <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{message}</p> : null;
}

/** Step 1: USCC + code. Step 2: check, correct size class and account, confirm or decline. Step 3: done. */
export function ConfirmFlow() {
  const [uscc, setUscc] = useState('');
  const [code, setCode] = useState('');
  const [view, setView] = useState<WageRefundConfirmationView | null>(null);
  const [done, setDone] = useState<WageRefundConfirmationView | null>(null);
  const [size, setSize] = useState<Size>('sme');
  const [changeAccount, setChangeAccount] = useState(false);
  const [account, setAccount] = useState({ accountName: '', accountNo: '', accountBank: '' });
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [pending, start] = useTransition();
  // Nothing can be typed or sent before React runs the page (the inputs are controlled).
  const hydrated = useHydrated();

  const open = (e: React.FormEvent) => {
    e.preventDefault();
    start(async () => {
      setError(null);
      setFieldErrors({});
      const r = await openWageRefundAction({ uscc, code });
      if (!r.ok) {
        setError(r.message);
        return setFieldErrors(r.fieldErrors ?? {});
      }
      setView(r.data);
      setSize(r.data.sizeClass);
      setChangeAccount(!r.data.accountNoMasked);
    });
  };

  const submit = (decision: 'confirm' | 'decline') =>
    start(async () => {
      setError(null);
      setFieldErrors({});
      if (decision === 'decline' && !window.confirm('确定放弃本年度稳岗返还？放弃后不能再确认。')) return;
      const r = await confirmWageRefundAction({ uscc, code, decision, sizeClass: size, changeAccount: decision === 'confirm' && changeAccount, ...(changeAccount ? account : {}) });
      if (!r.ok) {
        setError(r.message);
        return setFieldErrors(r.fieldErrors ?? {});
      }
      setDone(r.data);
    });

  if (done) {
    return (
      <section className="card space-y-2" role="status" data-testid="confirm-done">
        {done.status === 'confirmed' ? (
          <>
            <h2 className="text-lg font-semibold text-green-800">确认成功</h2>
            <p>{done.enterpriseName}（{done.uscc}）{done.policyYear} 年度稳岗返还 <strong>{yuanText(done.amountFen)}</strong>，将拨付至 {done.accountName} {done.accountNoMasked}（{done.accountBank}）。</p>
            <p className="text-sm text-slate-600">资金经人社、财政审核后拨付，请留意银行到账信息。</p>
          </>
        ) : done.status === 'pending_review' ? (
          <>
            <h2 className="text-lg font-semibold text-amber-800">已提交，待人社复核</h2>
            <p>{done.enterpriseName}（{done.uscc}）更正了企业规模或收款账户：{done.policyYear} 年度稳岗返还 <strong>{yuanText(done.amountFen)}</strong>，拟拨付至 {done.accountName} {done.accountNoMasked}（{done.accountBank}）。</p>
            <p className="text-sm text-slate-600">更正须经开州区就业和人才中心复核后生效；复核通过后纳入拨付批次。如非本单位操作，请立即联系开州区就业和人才中心。</p>
          </>
        ) : (
          <>
            <h2 className="text-lg font-semibold">已放弃</h2>
            <p>{done.enterpriseName} 已放弃 {done.policyYear} 年度稳岗返还。如有疑问请联系开州区就业和人才中心。</p>
          </>
        )}
      </section>
    );
  }

  if (!view) {
    return (
      <form onSubmit={open} className="card space-y-3" aria-label="输入确认码" noValidate>
        <div>
          <label htmlFor="uscc" className="label">统一社会信用代码</label>
          <input id="uscc" className="input font-mono uppercase" autoComplete="off" maxLength={18} value={uscc} disabled={!hydrated} onChange={(e) => setUscc(e.target.value)} aria-invalid={!!fieldErrors.uscc} />
          {fieldErrors.uscc && <p className="field-error">{fieldErrors.uscc}</p>}
        </div>
        <div>
          <label htmlFor="code" className="label">短信确认码</label>
          <input id="code" className="input font-mono tracking-widest" inputMode="numeric" autoComplete="one-time-code" maxLength={6} value={code} disabled={!hydrated} onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))} aria-invalid={!!fieldErrors.code} />
          <p className="mt-1 text-xs text-slate-500">6 位数字，在短信所示期限内有效；连续输错 5 次将被锁定。</p>
        </div>
        <ErrorBox message={error} />
        <button className="btn-primary w-full sm:w-auto" disabled={pending || !uscc || code.length !== 6}>{pending ? '查询中…' : '查询'}</button>
      </form>
    );
  }

  const chosen = view.bySize[size];
  return (
    <div className="space-y-4">
      <section className="card space-y-2" aria-label="测算结果">
        <h2 className="font-medium">{view.enterpriseName}</h2>
        <p className="font-mono text-sm text-slate-500">{view.uscc} · {view.policyYear} 年度</p>
        <dl className="grid grid-cols-2 gap-2 text-sm">
          <dt className="text-slate-500">上年度月均参保人数</dt><dd>{view.avgInsured} 人</dd>
          <dt className="text-slate-500">裁员人数 / 裁员率</dt><dd>{view.layoffs} 人 / {view.layoffRatePercent}%</dd>
          <dt className="text-slate-500">实缴失业保险费</dt><dd>{yuanText(view.premiumsPaidFen)}</dd>
          <dt className="text-slate-500">连续参保月数</dt><dd>{view.monthsInsured} 个月</dd>
        </dl>
      </section>

      <section className="card space-y-2">
        <fieldset>
          <legend className="label">企业规模（划型）</legend>
          <div className="flex flex-wrap gap-2">
            {(['sme', 'large'] as const).map((s) => (
              <label key={s} className="flex items-center gap-2 rounded-md border border-slate-200 px-3 py-2 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
                <input type="radio" name="size" value={s} checked={size === s} onChange={() => setSize(s)} />
                {SIZE_CLASS_LABELS[s]}（返还 {pct(view.bySize[s].ratioPercent)}）
              </label>
            ))}
          </div>
          {size !== view.sizeClass && <p className="mt-1 text-sm text-amber-700">您更正了企业规模，返还金额将按更正后的规模重新计算。</p>}
        </fieldset>
        <p className="text-lg">返还金额：<strong data-testid="confirm-amount">{yuanText(chosen.amountFen)}</strong></p>
      </section>

      <section className="card space-y-3" aria-label="收款账户">
        <h2 className="font-medium">收款账户</h2>
        {view.accountNoMasked ? (
          <p className="text-sm">{view.accountName} · <span className="font-mono">{view.accountNoMasked}</span> · {view.accountBank}</p>
        ) : (
          <p className="text-sm text-amber-700">系统中没有贵单位的收款账户，请填写单位对公账户。</p>
        )}
        {view.accountNoMasked && (
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={changeAccount} onChange={(e) => setChangeAccount(e.target.checked)} />更正收款账户
          </label>
        )}
        {changeAccount && (
          <div className="grid gap-3">
            {([['accountName', '开户名', 'text'], ['accountNo', '银行账号', 'numeric'], ['accountBank', '开户行', 'text']] as const).map(([k, label, mode]) => (
              <div key={k}>
                <label htmlFor={k} className="label">{label}</label>
                <input id={k} className="input" inputMode={mode === 'numeric' ? 'numeric' : 'text'} value={account[k]} onChange={(e) => setAccount({ ...account, [k]: e.target.value })} aria-invalid={!!fieldErrors[k]} />
                {fieldErrors[k] && <p className="field-error">{fieldErrors[k]}</p>}
              </div>
            ))}
          </div>
        )}
      </section>

      <ErrorBox message={error} />
      <div className="flex flex-wrap gap-2">
        <button type="button" className="btn-primary" disabled={pending} onClick={() => submit('confirm')}>{pending ? '提交中…' : '确认无误'}</button>
        <button type="button" className="btn-secondary" disabled={pending} onClick={() => submit('decline')}>放弃本年度返还</button>
      </div>
    </div>
  );
}
