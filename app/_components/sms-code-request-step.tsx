'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { ActionResult } from '@/lib/actions/action-result';
import { ZSmsCodeRequestSchema, type TSmsCodeRequest } from '@/lib/validation/auth';
import { useHydrated } from './use-hydrated';

/**
 * Step 1 of the SMS-code flows (registration, password reset): the mobile gets a code through
 * the action given, and `onSent` moves the flow on to the step that takes the code.
 */
export function SmsCodeRequestStep({ requestCode, onSent, mobileLabel, intro }: {
  requestCode: (input: TSmsCodeRequest) => Promise<ActionResult>;
  onSent: (mobile: string) => void;
  mobileLabel: string;
  intro?: string;
}) {
  const [error, setError] = useState<string | null>(null);
  const hydrated = useHydrated();
  const { register, handleSubmit, setError: setFieldError, formState } = useForm<TSmsCodeRequest>({ resolver: zodResolver(ZSmsCodeRequestSchema) });
  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    const res = await requestCode(values);
    if (res.ok) return onSent(values.mobile);
    setError(res.message);
    if (res.fieldErrors?.mobile) setFieldError('mobile', { message: res.fieldErrors.mobile });
  });
  return (
    <form onSubmit={onSubmit} className="mt-6 space-y-4" method="post" noValidate>
      {intro && <p className="text-sm text-slate-600">{intro}</p>}
      {error && <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{error}</p>}
      <div>
        <label htmlFor="mobile" className="label">{mobileLabel}</label>
        <input id="mobile" type="tel" autoComplete="tel" className="input" aria-invalid={!!formState.errors.mobile} {...register('mobile')} />
        {formState.errors.mobile && <p className="field-error">{formState.errors.mobile.message}</p>}
      </div>
      <button type="submit" className="btn-primary w-full" disabled={!hydrated || formState.isSubmitting}>
        {formState.isSubmitting ? '正在发送…' : '获取验证码'}
      </button>
    </form>
  );
}
