'use client';

import { useState, useTransition } from 'react';
import { LOAN_TYPES, LOAN_TYPE_LABELS, type LoanType } from '@/lib/validation/application';
import { createDraftAction } from './actions';

const HINTS: Record<LoanType, string> = {
  individual: '个人或个体工商户创业',
  partnership: '两人及以上合伙创业',
  enterprise: '小微企业，需当年新招用符合条件人员',
};

export function StartApplication() {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <section className="card">
      <h2 className="font-medium">开始新的申请</h2>
      <p className="mt-1 text-sm text-slate-600">请选择贷款类型。填写过程中会自动保存草稿，可随时回来继续。</p>
      <div className="mt-4 grid gap-3 sm:grid-cols-3">
        {LOAN_TYPES.map((t) => (
          <button
            key={t}
            type="button"
            disabled={pending}
            className="rounded-lg border border-slate-200 p-4 text-left hover:border-brand-600 hover:bg-brand-50 disabled:opacity-50"
            onClick={() =>
              start(async () => {
                const r = await createDraftAction(t);
                if (r && !r.ok) setError(r.message);
              })
            }
          >
            <span className="block font-medium text-brand-700">申请{LOAN_TYPE_LABELS[t]}贷款</span>
            <span className="mt-1 block text-sm text-slate-500">{HINTS[t]}</span>
          </button>
        ))}
      </div>
      {error && <p role="alert" className="mt-3 text-sm text-red-600">{error}</p>}
    </section>
  );
}
