import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { requireAreaActor } from '@/lib/auth/page-guard';
import { hasPermission } from '@/lib/auth/permissions';
import { TransferIdForm } from './transfer-id-form';

export const metadata: Metadata = { title: '身份证号归还本人' };

/** HR, at the counter: a 身份证号 someone else registered is moved to its owner after an in-person check. */
export default async function IdentityPage() {
  const actor = await requireAreaActor('review');
  if (!hasPermission(actor.role, 'identity:transfer_id_number')) redirect('/forbidden?area=review');
  return (
    <div className="max-w-2xl space-y-4">
      <h1 className="text-xl font-semibold">身份证号归还本人</h1>
      <div className="card space-y-2 text-sm text-slate-600">
        <p>本人网上注册时被告知“无法在线完成注册”，多为其身份证号已被他人注册。请当面核验本人居民身份证原件及人像后办理：</p>
        <ul className="list-disc pl-5">
          <li>该身份证号从原注册账号移除（原账号随即退出登录）；</li>
          <li>绑定到本人手机号的账号（没有则为其开通）；</li>
          <li>本人收到短信后，在登录页点击“忘记密码”自行设置密码——工作人员不经手密码。</li>
        </ul>
        <p>办理记入审计日志。</p>
      </div>
      <TransferIdForm />
    </div>
  );
}
