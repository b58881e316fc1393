import type { Metadata } from 'next';
import { WageRefundView } from '@/app/finance/wage-refund/wage-refund-view';

export const metadata: Metadata = { title: '稳岗返还（免申即享）' };

/** HR runs 稳岗返还 too (product flow 4: "finance/HR import"): the same page under the reviewer console. */
export default function WageRefundPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  return <WageRefundView searchParams={searchParams} area="review" />;
}
