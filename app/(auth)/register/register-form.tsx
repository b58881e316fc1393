'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useHydrated } from '@/app/_components/use-hydrated';
import { useForm, type FieldPath } from 'react-hook-form';
import { ZRegisterApplicantSchema, type TRegisterApplicant } from '@/lib/validation/auth';
import { registerApplicantAction } from './actions';

const FIELDS: { name: Exclude<FieldPath<TRegisterApplicant>, 'agree'>; label: string; type?: string; autoComplete?: string; hint?: string }[] = [
  { name: 'realName', label: '真实姓名', autoComplete: 'name' },
  { name: 'idNumber', label: '居民身份证号码', hint: '18 位，末位 X 大小写均可' },
  { name: 'mobile', label: '手机号码', type: 'tel', autoComplete: 'tel' },
  { name: 'password', label: '设置密码', type: 'password', autoComplete: 'new-password', hint: '至少 8 位' },
  { name: 'confirmPassword', label: '确认密码', type: 'password', autoComplete: 'new-password' },
];

export function RegisterForm() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const hydrated = useHydrated();
  const { register, handleSubmit, setError: setFieldError, formState } = useForm<TRegisterApplicant>({
    resolver: zodResolver(ZRegisterApplicantSchema),
    mode: 'onTouched',
  });
  const errors = formState.errors;

  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    const res = await registerApplicantAction(values);
    if (res.ok) {
      router.push('/login?registered=1');
      return;
    }
    setError(res.message);
    for (const [field, message] of Object.entries(res.fieldErrors ?? {})) {
      setFieldError(field as FieldPath<TRegisterApplicant>, { message });
    }
  });

  return (
    <form onSubmit={onSubmit} className="mt-6 space-y-4" method="post" noValidate>
      {error && <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{error}</p>}
      {FIELDS.map((f) => (
        <div key={f.name}>
          <label htmlFor={f.name} className="label">{f.label}</label>
          <input id={f.name} type={f.type ?? 'text'} autoComplete={f.autoComplete} className="input" aria-invalid={!!errors[f.name]} {...register(f.name)} />
          {errors[f.name] ? (
            <p className="field-error">{errors[f.name]?.message}</p>
          ) : (
            f.hint && <p className="mt-1 text-xs text-slate-500">{f.hint}</p>
          )}
        </div>
      ))}
      <div>
        <label className="flex items-start gap-2 text-sm text-slate-700">
          <input type="checkbox" className="mt-1" {...register('agree')} />
          <span>我已阅读并同意《个人信息处理规则》：所填信息仅用于创业担保贷款及就业补贴的审核与发放。</span>
        </label>
        {errors.agree && <p className="field-error">{errors.agree.message}</p>}
      </div>
      <button type="submit" className="btn-primary w-full" disabled={!hydrated || formState.isSubmitting}>
        {formState.isSubmitting ? '正在提交…' : '注册'}
      </button>
    </form>
  );
}
