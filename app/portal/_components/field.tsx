'use client';

import { get, useFormContext } from 'react-hook-form';

/** Numeric inputs: empty means "not given", never 0. */
export const asNumber = (v: unknown) => (v === '' || v === null || v === undefined ? undefined : Number(v));

function useFieldError(name: string) {
  const { formState } = useFormContext();
  return (get(formState.errors, name) as { message?: string } | undefined)?.message;
}

function Hint({ name, hint, error, highlight }: { name: string; hint?: string; error?: string; highlight?: string }) {
  return (
    <>
      {highlight && <p className="mt-1 text-sm text-amber-700">需补正：{highlight}</p>}
      {error ? <p id={`${name}-error`} className="field-error">{error}</p> : hint && <p className="mt-1 text-xs text-slate-500">{hint}</p>}
    </>
  );
}

interface BaseProps {
  name: string;
  label: string;
  hint?: string;
  /** The reviewer's note when this field was returned for supplement. */
  highlight?: string;
}

export function TextField({ name, label, hint, highlight, type = 'text', numeric, ...rest }: BaseProps & { type?: string; numeric?: boolean; placeholder?: string; inputMode?: 'numeric' | 'decimal' | 'tel' | 'text'; autoComplete?: string }) {
  const { register } = useFormContext();
  const error = useFieldError(name);
  return (
    <div className={highlight ? 'rounded-md bg-amber-50 p-2 ring-2 ring-amber-300' : undefined}>
      <label htmlFor={name} className="label">{label}</label>
      <input id={name} type={type} className="input" aria-invalid={!!error} aria-describedby={error ? `${name}-error` : undefined} {...rest} {...register(name, numeric ? { setValueAs: asNumber } : {})} />
      <Hint name={name} hint={hint} error={error} highlight={highlight} />
    </div>
  );
}

export function TextArea({ name, label, hint, highlight }: BaseProps) {
  const { register } = useFormContext();
  const error = useFieldError(name);
  return (
    <div className={highlight ? 'rounded-md bg-amber-50 p-2 ring-2 ring-amber-300' : undefined}>
      <label htmlFor={name} className="label">{label}</label>
      <textarea id={name} rows={3} className="input" aria-invalid={!!error} {...register(name)} />
      <Hint name={name} hint={hint} error={error} highlight={highlight} />
    </div>
  );
}

export function SelectField({ name, label, hint, highlight, options }: BaseProps & { options: { value: string; label: string }[] }) {
  const { register } = useFormContext();
  const error = useFieldError(name);
  return (
    <div className={highlight ? 'rounded-md bg-amber-50 p-2 ring-2 ring-amber-300' : undefined}>
      <label htmlFor={name} className="label">{label}</label>
      <select id={name} className="input" aria-invalid={!!error} {...register(name)}>
        <option value="">请选择</option>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
      <Hint name={name} hint={hint} error={error} highlight={highlight} />
    </div>
  );
}

export function CheckField({ name, label, hint }: { name: string; label: string; hint?: string }) {
  const { register } = useFormContext();
  const error = useFieldError(name);
  return (
    <div>
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" className="mt-1 h-4 w-4" {...register(name)} />
        <span>
          <span className="font-medium text-slate-800">{label}</span>
          {hint && <span className="block text-xs text-slate-500">{hint}</span>}
        </span>
      </label>
      {error && <p className="field-error">{error}</p>}
    </div>
  );
}
