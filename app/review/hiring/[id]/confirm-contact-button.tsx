'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useHydrated } from '@/app/_components/use-hydrated';
import { confirmEnterpriseContactAction } from '../actions';

export function ConfirmContactButton({ filingId }: { filingId: string }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span>
      <button
        type="button"
        className="btn-secondary"
        disabled={!hydrated || pending}
        onClick={() =>
          start(async () => {
            if (!window.confirm('确认已核验申报人有权代表该企业申报？此操作将留痕审计。')) return;
            const r = await confirmEnterpriseContactAction({ filingId });
            if (!r.ok) return setError(r.message);
            router.refresh();
          })
        }
      >
        确认申报人为企业联系人
      </button>
      {error && <span className="block text-xs text-red-700">{error}</span>}
    </span>
  );
}
