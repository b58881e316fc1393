import type { Metadata } from 'next';
import type { Role } from '@/db/schema/users';
import { requireAreaActor } from '@/lib/auth/page-guard';

export const metadata: Metadata = { title: '审核工作台' };

const STAGE_OF: Partial<Record<Role, string>> = {
  hr_reviewer: '人社资格审核',
  guarantee_reviewer: '担保审核',
  bank_officer: '银行信贷审核与放款',
};

export default async function ReviewHome() {
  const actor = await requireAreaActor('review');
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">审核工作台 · {STAGE_OF[actor.role]}</h1>
      <section className="card">
        <h2 className="font-medium">待办队列</h2>
        <p className="mt-2 text-sm text-slate-600">当前没有待审核的申请。</p>
      </section>
    </div>
  );
}
