'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useHydrated } from '@/app/_components/use-hydrated';
import { useForm } from 'react-hook-form';
import { safeCallbackPath } from '@/lib/domain/safe-callback';
import { loginErrorMessage, parseLoginError } from '@/lib/auth/login-error';
import { ZLoginSchema, type TLogin } from '@/lib/validation/auth';

/** Only same-site paths are followed after login (no open redirect): checked again here against this page's origin. */
function safeCallback(url?: string) {
  return safeCallbackPath(url, window.location.origin);
}

export function LoginForm({ callbackUrl }: { callbackUrl?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  // Staff: after the password is accepted the server asks for the authenticator's code.
  const [needsCode, setNeedsCode] = useState(false);
  const hydrated = useHydrated();
  const { register, handleSubmit, formState } = useForm<TLogin>({ resolver: zodResolver(ZLoginSchema) });

  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    const res = await signIn('credentials', { ...values, otp: values.otp ?? '', redirect: false });
    if (!res || res.error) {
      const raw = res?.error ?? 'INTERNAL';
      if (parseLoginError(raw).code === 'MFA_REQUIRED') {
        setNeedsCode(true);
        return;
      }
      setError(loginErrorMessage(raw));
      return;
    }
    router.replace(safeCallback(callbackUrl));
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} className="mt-6 space-y-4" method="post" noValidate>
      {error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{error}</p>
      )}
      <div>
        <label htmlFor="identifier" className="label">用户名或手机号</label>
        <input id="identifier" autoComplete="username" className="input" aria-invalid={!!formState.errors.identifier} {...register('identifier')} />
        {formState.errors.identifier && <p className="field-error">{formState.errors.identifier.message}</p>}
      </div>
      <div>
        <label htmlFor="password" className="label">密码</label>
        <input id="password" type="password" autoComplete="current-password" className="input" aria-invalid={!!formState.errors.password} {...register('password')} />
        {formState.errors.password && <p className="field-error">{formState.errors.password.message}</p>}
      </div>
 {needsCode && (
        <div>
          <label htmlFor="otp" className="label">动态验证码</label>
          <input id="otp" inputMode="numeric" autoComplete="one-time-code" autoFocus className="input" aria-describedby="otp-hint" {...register('otp')} />
          <p id="otp-hint" className="mt-1 text-xs text-slate-500">身份验证器上的 6 位数字；手机不在身边时可输入一个恢复码。</p>
        </div>
      )}
      <button type="submit" className="btn-primary w-full" disabled={!hydrated || formState.isSubmitting}>
        {formState.isSubmitting ? '正在登录…' : '登录'}
      </button>
    </form>
  );
}
