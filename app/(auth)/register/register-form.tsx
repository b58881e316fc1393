'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { SmsCodeRequestStep } from '@/app/_components/sms-code-request-step';
import { useHydrated } from '@/app/_components/use-hydrated';
import { useForm, type FieldPath } from 'react-hook-form';
import { ZRegisterApplicantSchema, type TRegisterApplicant } from '@/lib/validation/auth';
import { registerApplicantAction, requestRegistrationCodeAction } from './actions';

const FIELDS: { name: 'code' | 'realName' | 'idNumber' | 'password' | 'confirmPassword'; label: string; type?: string; autoComplete?: string; hint?: string; inputMode?: 'numeric' }[] = [
  { name: 'code', label: '短信验证码', autoComplete: 'one-time-code', inputMode: 'numeric', hint: '6 位数字，10 分钟内有效' },
  { name: 'realName', label: '真实姓名', autoComplete: 'name' },
  { name: 'idNumber', label: '居民身份证号码', hint: '18 位，末位 X 大小写均可' },
  { name: 'password', label: '设置密码', type: 'password', autoComplete: 'new-password', hint: '至少 8 位' },
  { name: 'confirmPassword', label: '确认密码', type: 'password', autoComplete: 'new-password' },
];

/** Registration in two steps: the mobile gets a code (step 1); the code and the details create the account (step 2). */
export function RegisterForm() {
  const [mobile, setMobile] = useState<string | null>(null);
  return mobile ? <DetailsStep mobile={mobile} onChangeMobile={() => setMobile(null)} /> : <SmsCodeRequestStep requestCode={requestRegistrationCodeAction} onSent={setMobile} mobileLabel="手机号码" intro="第 1 步：验证手机号。我们将向该手机发送短信验证码。" />;
}

function DetailsStep({ mobile, onChangeMobile }: { mobile: string; onChangeMobile: () => void }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [referred, setReferred] = useState<string | null>(null);
  const hydrated = useHydrated();
  const { register, handleSubmit, setError: setFieldError, formState } = useForm<TRegisterApplicant>({
    resolver: zodResolver(ZRegisterApplicantSchema),
    mode: 'onTouched',
    defaultValues: { mobile },
  });
  const errors = formState.errors;

  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    const res = await registerApplicantAction(values);
    if (res.ok) {
      if (res.data.referred) return setReferred(res.data.referred);
      router.push('/login?registered=1');
      return;
    }
    setError(res.message);
    for (const [field, message] of Object.entries(res.fieldErrors ?? {})) {
      setFieldError(field as FieldPath<TRegisterApplicant>, { message });
    }
  });

  if (referred) {
    return (
      <div role="alert" className="mt-6 rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900">
        <p className="font-medium">请到服务窗口办理</p>
        <p className="mt-1">{referred}</p>
      </div>
    );
  }

  return (
    <form onSubmit={onSubmit} className="mt-6 space-y-4" method="post" noValidate>
      <p className="text-sm text-slate-600">
        第 2 步：验证码已发送至 <span className="font-medium">{mobile}</span>。
        <button type="button" className="ml-1 text-brand-600 hover:underline" onClick={onChangeMobile}>更换手机号</button>
      </p>
      {error && <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{error}</p>}
      <input type="hidden" {...register('mobile')} />
      {errors.mobile && <p className="field-error">{errors.mobile.message}</p>}
      {FIELDS.map((f) => (
        <div key={f.name}>
          <label htmlFor={f.name} className="label">{f.label}</label>
          <input id={f.name} type={f.type ?? 'text'} inputMode={f.inputMode} autoComplete={f.autoComplete} className="input" aria-invalid={!!errors[f.name]} {...register(f.name)} />
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
