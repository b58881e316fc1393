import type { Metadata } from 'next';
import { requireAreaActor } from '@/lib/auth/page-guard';
import { todayInChina } from '@/lib/server/clock';
import { HiringFilingForm } from './filing-form';

export const metadata: Metadata = { title: '申报吸纳就业补贴' };

export default async function NewHiringFilingPage() {
  await requireAreaActor('portal');
  const year = Number(todayInChina().slice(0, 4));
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">申报一次性吸纳就业补贴</h1>
      <HiringFilingForm years={[year, year - 1]} />
    </div>
  );
}
