import type { Metadata } from 'next';
import { ApplicationQueueView } from '@/app/review/queue-view';

export const metadata: Metadata = { title: '申请与贷款（只读）' };

export default function AuditApplicationsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  return <ApplicationQueueView searchParams={searchParams} area="audit" />;
}
