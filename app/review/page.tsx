import type { Metadata } from 'next';
import { ApplicationQueueView } from './queue-view';

export const metadata: Metadata = { title: '审核工作台' };

export default function ReviewQueuePage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  return <ApplicationQueueView searchParams={searchParams} area="review" />;
}
