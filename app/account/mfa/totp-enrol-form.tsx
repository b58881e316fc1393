'use client';

import Link from 'next/link';
import { useState, useTransition } from 'react';
import { confirmTotpAction } from './actions';

export function TotpEnrolForm() {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [pending, start] = useTransition();

  if (recoveryCodes) {
    return (
      <div className="card space-y-3">
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-700">绑定成功。以后每次登录都需要动态验证码。</p>
        <p className="text-sm">以下 10 个恢复码只显示这一次，请抄写或打印后妥善保管。手机丢失时，每个恢复码可代替动态验证码登录一次：</p>
        <ul className="grid grid-cols-2 gap-2 font-mono text-sm" aria-label="恢复码">
          {recoveryCodes.map((c) => <li key={c} className="rounded bg-slate-100 px-2 py-1 text-center">{c}</li>)}
        </ul>
        <Link href="/home" className="btn-primary inline-block">我已保存恢复码，继续</Link>
      </div>
    );
  }
  return (
    <form
      className="card space-y-4"
      method="post"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const r = await confirmTotpAction({ code });
          if (r.ok) setRecoveryCodes(r.data.recoveryCodes);
          else setError(r.fieldErrors?.code ?? r.message);
        });
      }}
    >
      {error && <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{error}</p>}
      <div>
        <label htmlFor="totp-code" className="label">2. 输入身份验证器显示的 6 位验证码</label>
        <input id="totp-code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} className="input" value={code} onChange={(e) => setCode(e.target.value)} />
      </div>
      <button className="btn-primary" disabled={pending}>完成绑定</button>
    </form>
  );
}
