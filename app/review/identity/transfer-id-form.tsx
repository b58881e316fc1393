'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, type FieldPath } from 'react-hook-form';
import { useHydrated } from '@/app/_components/use-hydrated';
import type { TransferIdNumberResult } from '@/lib/server/users/transfer-id-number';
import { ZTransferIdNumberSchema, type TTransferIdNumber } from '@/lib/validation/identity';
import { transferIdNumberAction } from './actions';

const FIELDS: { name: 'idNumber' | 'realName' | 'mobile'; label: string; type?: string; hint?: string }[] = [
  { name: 'idNumber', label: '居民身份证号码', hint: '与当面核验的身份证原件一致' },
  { name: 'realName', label: '本人姓名' },
  { name: 'mobile', label: '本人手机号', type: 'tel', hint: '账号绑定到此手机号；设置密码的短信发往此号' },
];

export function TransferIdForm() {
  const hydrated = useHydrated();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<TransferIdNumberResult | null>(null);
  const { register, handleSubmit, setError: setFieldError, formState, reset } = useForm<TTransferIdNumber>({ resolver: zodResolver(ZTransferIdNumberSchema) });
  const errors = formState.errors;
  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    setDone(null);
    const res = await transferIdNumberAction(values);
    if (res.ok) {
      setDone(res.data);
      reset();
      return;
    }
    setError(res.message);
    for (const [field, message] of Object.entries(res.fieldErrors ?? {})) setFieldError(field as FieldPath<TTransferIdNumber>, { message });
  });
  return (
    <form onSubmit={onSubmit} className="card space-y-4" method="post" noValidate>
      {done && (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-700">
          已将身份证号 {done.idNumberMasked} 从账号 {done.fromMobileMasked ?? '（无手机号）'} 移至本人手机号 {done.toMobileMasked} 的账号{done.accountOpened ? '（新开通）' : ''}。已短信通知本人用“忘记密码”设置密码。
        </p>
      )}
      {error && <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{error}</p>}
      {FIELDS.map((f) => (
        <div key={f.name}>
          <label htmlFor={f.name} className="label">{f.label}</label>
          <input id={f.name} type={f.type ?? 'text'} className="input" aria-invalid={!!errors[f.name]} {...register(f.name)} />
          {errors[f.name] ? <p className="field-error">{errors[f.name]?.message}</p> : f.hint && <p className="mt-1 text-xs text-slate-500">{f.hint}</p>}
        </div>
      ))}
      <div>
        <label htmlFor="note" className="label">核验说明</label>
        <textarea id="note" rows={2} className="input" aria-invalid={!!errors.note} {...register('note')} />
        {errors.note && <p className="field-error">{errors.note.message}</p>}
      </div>
      <div>
        <label className="flex items-start gap-2 text-sm text-slate-700">
          <input type="checkbox" className="mt-1" {...register('checkedInPerson')} />
          <span>我已当面核验本人居民身份证原件，人证一致</span>
        </label>
        {errors.checkedInPerson && <p className="field-error">{errors.checkedInPerson.message}</p>}
      </div>
      <button type="submit" className="btn-primary" disabled={!hydrated || formState.isSubmitting}>
        {formState.isSubmitting ? '正在办理…' : '移至本人账号'}
      </button>
    </form>
  );
}
