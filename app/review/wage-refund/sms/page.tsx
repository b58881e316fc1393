import type { Metadata } from 'next';
import { SmsOutboxView } from '@/app/finance/wage-refund/sms/sms-outbox-view';

export const metadata: Metadata = { title: '短信发送记录' };

export default function SmsOutboxPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  return <SmsOutboxView searchParams={searchParams} area="review" />;
}
