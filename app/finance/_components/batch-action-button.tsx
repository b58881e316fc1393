'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/actions/action-result';

/**
 * One decision on a batch (审核 / 审批 / 导出 / 重新拨付): sends the batch and the version the
 * page showed, then refreshes; a refusal (separation of duties, someone faster) is shown.
 */
export function BatchActionButton<T>({
  label, pendingLabel, batchId, version, action, confirm, done, variant = 'primary', onDone,
}: {
  label: string;
  pendingLabel: string;
  batchId: string;
  version: string;
  action: (input: unknown) => Promise<ActionResult<T>>;
  confirm?: string;
  done?: (data: T) => string;
  variant?: 'primary' | 'secondary';
  onDone?: (data: T) => string | null;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  // Acts only once hydrated: a click before that would be lost.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  const run = () => {
    if (confirm && !window.confirm(confirm)) return;
    start(async () => {
      setError(null);
      setMessage(null);
      const r = await action({ batchId, version });
      if (!r.ok) return setError(r.message);
      if (done) setMessage(done(r.data));
      const next = onDone?.(r.data);
      if (next) router.push(next);
      router.refresh();
    });
  };
  return (
    <span className="inline-flex flex-col gap-1">
      <button type="button" className={variant === 'primary' ? 'btn-primary' : 'btn-secondary'} onClick={run} disabled={!ready || pending}>{pending ? pendingLabel : label}</button>
      {error && <span role="alert" className="max-w-xs rounded-md bg-red-50 px-2 py-1 text-xs text-red-700">{error}</span>}
      {message && <span role="status" className="max-w-xs rounded-md bg-green-50 px-2 py-1 text-xs text-green-800">{message}</span>}
    </span>
  );
}
