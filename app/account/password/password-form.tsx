'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { changePasswordAction } from './actions';

export function PasswordForm({ staff }: { staff: boolean }) {
  const router = useRouter();
  const [v, setV] = useState({ currentPassword: '', newPassword: '', confirmPassword: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const field = (name: keyof typeof v, label: string, autoComplete: string) => (
    <div>
      <label htmlFor={name} className="label">{label}</label>
      <input id={name} type="password" autoComplete={autoComplete} className="input" aria-invalid={!!errors[name]} value={v[name]} onChange={(e) => setV({ ...v, [name]: e.target.value })} />
      {errors[name] && <p className="field-error">{errors[name]}</p>}
    </div>
  );
  return (
    <form
      className="card space-y-4"
      method="post"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const r = await changePasswordAction(v);
          if (r.ok) {
            router.push('/home');
            router.refresh();
          } else {
            setMessage(r.message);
            setErrors(r.fieldErrors ?? {});
          }
        });
      }}
    >
      {message && <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{message}</p>}
      {field('currentPassword', '当前密码', 'current-password')}
      {field('newPassword', staff ? '新密码（至少 12 位，含大写、小写、数字、符号中的三类）' : '新密码（至少 8 位）', 'new-password')}
      {field('confirmPassword', '确认新密码', 'new-password')}
      <button className="btn-primary" disabled={pending}>修改密码</button>
    </form>
  );
}
