'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { withdrawApplicationAction } from '@/app/portal/actions';

export function WithdrawButton({ applicationId }: { applicationId: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div>
      <button
        type="button"
        className="btn-secondary text-red-700"
        disabled={pending}
        onClick={() => {
          if (!confirm('确定撤回这份申请吗？撤回后如需办理须重新申请。')) return;
          start(async () => {
            const r = await withdrawApplicationAction({ applicationId });
            if (r.ok) router.refresh();
            else setError(r.message);
          });
        }}
      >
        撤回申请
      </button>
      {error && <p role="alert" className="mt-2 text-sm text-red-600">{error}</p>}
    </div>
  );
}
