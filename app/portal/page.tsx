import type { Metadata } from 'next';
import { requireAreaActor } from '@/lib/auth/page-guard';

export const metadata: Metadata = { title: '申请人服务' };

export default async function PortalHome() {
  const actor = await requireAreaActor('portal');
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">您好，{actor.realName}</h1>
      <section className="card">
        <h2 className="font-medium">我的申请</h2>
        <p className="mt-2 text-sm text-slate-600">您还没有提交过申请。创业担保贷款与“三免两贴两推荐”政策可在一份申请中一并办理。</p>
      </section>
      <section className="card">
        <h2 className="font-medium">办理须知</h2>
        <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-600">
          <li>准备好身份证、营业执照（如已办理）和人员类别证明材料（如退役证、毕业证等），支持拍照上传。</li>
          <li>申请提交后依次由人社部门、担保机构、经办银行审核，每一步结果都会通知您。</li>
          <li>材料不全时会一次性告知需补正的全部事项。</li>
        </ul>
      </section>
    </div>
  );
}
