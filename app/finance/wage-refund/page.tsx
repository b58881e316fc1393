import type { Metadata } from 'next';
import { WageRefundView } from './wage-refund-view';

export const metadata: Metadata = { title: '稳岗返还（免申即享）' };

export default function WageRefundPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  return <WageRefundView searchParams={searchParams} area="finance" />;
}
