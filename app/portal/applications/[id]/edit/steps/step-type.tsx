'use client';

import { get, useFormContext } from 'react-hook-form';
import { LOAN_TYPES, LOAN_TYPE_LABELS } from '@/lib/validation/application';

export function StepType({ locked }: { locked: boolean }) {
  const { register, formState } = useFormContext();
  const error = (get(formState.errors, 'loanType') as { message?: string } | undefined)?.message;
  return (
    <fieldset>
      <legend className="label">贷款类型</legend>
      <div className="mt-2 grid gap-3 sm:grid-cols-3">
        {LOAN_TYPES.map((t) => (
          <label key={t} className="flex cursor-pointer items-center gap-2 rounded-lg border border-slate-200 p-3 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
            <input type="radio" value={t} disabled={locked} {...register('loanType')} />
            <span>{LOAN_TYPE_LABELS[t]}</span>
          </label>
        ))}
      </div>
      {locked && <p className="mt-2 text-xs text-slate-500">补正时不能更改贷款类型。</p>}
      {error && <p className="field-error">{error}</p>}
    </fieldset>
  );
}
