import type { Metadata } from 'next';
import { ApplicationDetailView } from '@/app/review/[id]/application-detail';

export const metadata: Metadata = { title: '申请详情（只读）' };

export default function AuditApplicationPage({ params }: { params: Promise<{ id: string }> }) {
  return <ApplicationDetailView params={params} area="audit" />;
}
