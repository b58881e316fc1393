'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useHydrated } from '@/app/_components/use-hydrated';
import { reviewWageRefundChangeAction } from './actions';

/** 复核通过 / 复核不通过 (with a reason) for one 待人社复核 record, on the version shown. */
export function ChangeReviewButtons({ recordId, version, enterpriseName }: { recordId: string; version: number; enterpriseName: string }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [pending, start] = useTransition();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const decide = (decision: 'accept' | 'reject') =>
    start(async () => {
      setError(null);
      const r = await reviewWageRefundChangeAction({ recordId, version, decision, ...(decision === 'reject' ? { reason } : {}) });
      if (!r.ok) return setError(r.fieldErrors?.reason ?? r.message);
      router.refresh();
    });
  return (
    <div className="space-y-2" aria-label={`复核 ${enterpriseName}`}>
      <div className="flex flex-wrap gap-2">
        <button type="button" className="btn-primary" disabled={!hydrated || pending} onClick={() => decide('accept')}>复核通过</button>
        <button type="button" className="btn-secondary" disabled={!hydrated || pending} onClick={() => setRejecting(!rejecting)}>复核不通过</button>
      </div>
      {rejecting && (
        <div className="space-y-2">
          <label htmlFor={`reason-${recordId}`} className="label">不通过的理由</label>
          <textarea id={`reason-${recordId}`} className="input" rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
          <button type="button" className="btn-secondary" disabled={!hydrated || pending} onClick={() => decide('reject')}>确认不通过</button>
        </div>
      )}
      {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
    </div>
  );
}
