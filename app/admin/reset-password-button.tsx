'use client';

import { useState, useTransition } from 'react';
import { useHydrated } from '@/app/_components/use-hydrated';
import { resetUserPasswordAction } from './actions';

/** 重置密码: the one-time password is shown here once, to hand over after checking the person's identity. */
export function ResetPasswordButton({ userId, name }: { userId: string; name: string }) {
  const hydrated = useHydrated();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<{ ok: true; password: string } | { ok: false; message: string } | null>(null);
  return (
    <span className="block text-xs">
      <button
        type="button"
        className="text-blue-700 underline disabled:opacity-50"
        disabled={!hydrated || pending}
        onClick={() => {
          if (!confirm(`确定重置“${name}”的密码吗？原密码和已登录的会话会立即失效，锁定也会解除。请先核实本人身份。`)) return;
          start(async () => {
            const r = await resetUserPasswordAction({ userId });
            setResult(r.ok ? { ok: true, password: r.data.temporaryPassword } : { ok: false, message: r.message });
          });
        }}
      >
        重置密码
      </button>
      {result?.ok && (
        <span role="status" className="mt-1 block rounded bg-amber-50 p-2 text-amber-900">
          临时密码（只显示这一次）：<code className="font-mono" data-testid="reset-password">{result.password}</code>，首次登录后须修改。
        </span>
      )}
      {result && !result.ok && <span role="alert" className="mt-1 block text-red-600">{result.message}</span>}
    </span>
  );
}
