import type { Metadata } from 'next';
import { ApplicationDetailView } from './application-detail';

export const metadata: Metadata = { title: '申请审核' };

export default function ReviewDetailPage({ params }: { params: Promise<{ id: string }> }) {
  return <ApplicationDetailView params={params} area="review" />;
}
