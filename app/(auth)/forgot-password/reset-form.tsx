'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { SmsCodeRequestStep } from '@/app/_components/sms-code-request-step';
import { useHydrated } from '@/app/_components/use-hydrated';
import { useForm, type FieldPath } from 'react-hook-form';
import { ZResetPasswordBySmsSchema, type TResetPasswordBySms } from '@/lib/validation/auth';
import { requestPasswordResetCodeAction, resetPasswordBySmsAction } from './actions';

const FIELDS: { name: 'code' | 'newPassword' | 'confirmPassword'; label: string; type?: string; autoComplete?: string; hint?: string; inputMode?: 'numeric' }[] = [
  { name: 'code', label: '短信验证码', autoComplete: 'one-time-code', inputMode: 'numeric', hint: '6 位数字，10 分钟内有效' },
  { name: 'newPassword', label: '新密码', type: 'password', autoComplete: 'new-password', hint: '至少 8 位' },
  { name: 'confirmPassword', label: '确认新密码', type: 'password', autoComplete: 'new-password' },
];

/** Password reset by SMS in two steps: a code to the mobile, then the code and the new password. */
export function ResetForm() {
  const [mobile, setMobile] = useState<string | null>(null);
  return mobile ? <NewPasswordStep mobile={mobile} onChangeMobile={() => setMobile(null)} /> : <SmsCodeRequestStep requestCode={requestPasswordResetCodeAction} onSent={setMobile} mobileLabel="注册手机号" />;
}

function NewPasswordStep({ mobile, onChangeMobile }: { mobile: string; onChangeMobile: () => void }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const hydrated = useHydrated();
  const { register, handleSubmit, setError: setFieldError, formState } = useForm<TResetPasswordBySms>({
    resolver: zodResolver(ZResetPasswordBySmsSchema),
    mode: 'onTouched',
    defaultValues: { mobile },
  });
  const errors = formState.errors;
  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    const res = await resetPasswordBySmsAction(values);
    if (res.ok) {
      router.push('/login?reset=1');
      return;
    }
    setError(res.message);
    for (const [field, message] of Object.entries(res.fieldErrors ?? {})) setFieldError(field as FieldPath<TResetPasswordBySms>, { message });
  });
  return (
    <form onSubmit={onSubmit} className="mt-6 space-y-4" method="post" noValidate>
      <p className="text-sm text-slate-600">
        如 <span className="font-medium">{mobile}</span> 是申请人账号的注册手机号，验证码已发送至该手机。
        <button type="button" className="ml-1 text-brand-600 hover:underline" onClick={onChangeMobile}>更换手机号</button>
      </p>
      {error && <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{error}</p>}
      <input type="hidden" {...register('mobile')} />
      {FIELDS.map((f) => (
        <div key={f.name}>
          <label htmlFor={f.name} className="label">{f.label}</label>
          <input id={f.name} type={f.type ?? 'text'} inputMode={f.inputMode} autoComplete={f.autoComplete} className="input" aria-invalid={!!errors[f.name]} {...register(f.name)} />
          {errors[f.name] ? <p className="field-error">{errors[f.name]?.message}</p> : f.hint && <p className="mt-1 text-xs text-slate-500">{f.hint}</p>}
        </div>
      ))}
      <button type="submit" className="btn-primary w-full" disabled={!hydrated || formState.isSubmitting}>
        {formState.isSubmitting ? '正在提交…' : '重置密码'}
      </button>
    </form>
  );
}
