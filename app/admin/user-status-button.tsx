'use client';

import { useState, useTransition } from 'react';
import { setUserStatusAction } from './actions';

export function UserStatusButton({ userId, status, name }: { userId: string; status: 'active' | 'disabled'; name: string }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const next = status === 'active' ? 'disabled' : 'active';
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        className="btn-secondary px-2 py-1 text-xs"
        disabled={pending}
        onClick={() => {
          if (next === 'disabled' && !confirm(`确定停用“${name}”的账号吗？停用后其登录会立即失效。`)) return;
          start(async () => {
            const r = await setUserStatusAction({ userId, status: next });
            setError(r.ok ? null : r.message);
          });
        }}
      >
        {next === 'disabled' ? '停用' : '启用'}
      </button>
      {error && <span role="alert" className="text-xs text-red-600">{error}</span>}
    </span>
  );
}
