import type { Metadata } from 'next';
import Link from 'next/link';
import { SiteHeader } from '@/app/_components/site-header';
import { ConfirmFlow } from './confirm-flow';

export const metadata: Metadata = { title: '稳岗返还确认' };

/** Public: an enterprise confirms its 稳岗返还 (免申即享) with its USCC and the code from the SMS. No login. */
export default function WageRefundConfirmPage() {
  return (
    <>
      <SiteHeader right={<Link href="/login" className="rounded-md bg-white/10 px-3 py-1.5 text-sm hover:bg-white/20">登录</Link>} />
      <main className="mx-auto max-w-2xl space-y-4 px-4 py-6">
        <h1 className="text-xl font-semibold">稳岗返还确认（免申即享）</h1>
        <p className="text-sm text-slate-600">
          根据贵单位上年度失业保险参保缴费数据，系统已自动测算稳岗返还金额，无需提交申请。请输入统一社会信用代码和短信中的 6 位确认码，核对企业规模、返还金额和收款账户后确认。
        </p>
        <ConfirmFlow />
      </main>
    </>
  );
}
