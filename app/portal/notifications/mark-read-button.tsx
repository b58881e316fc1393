'use client';

import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { markNotificationsReadAction } from '@/app/portal/actions';

export function MarkReadButton() {
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <button type="button" className="btn-secondary" disabled={pending} onClick={() => start(async () => { await markNotificationsReadAction(); router.refresh(); })}>
      全部标为已读
    </button>
  );
}
