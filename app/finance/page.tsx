import type { Metadata } from 'next';
import { requireAreaActor } from '@/lib/auth/page-guard';

export const metadata: Metadata = { title: '财政拨付' };

export default async function FinanceHome() {
  await requireAreaActor('finance');
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">财政拨付</h1>
      <a href="/finance/wage-refund" className="btn-secondary">稳岗返还（免申即享）：导入参保数据、通知企业确认、生成拨付批次</a>
      <section className="card">
        <h2 className="font-medium">待审批的补贴批次</h2>
        <p className="mt-2 text-sm text-slate-600">当前没有待审批的贴息、稳岗返还或吸纳就业补贴批次。</p>
      </section>
    </div>
  );
}
