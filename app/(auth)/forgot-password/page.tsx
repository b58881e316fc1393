import type { Metadata } from 'next';
import Link from 'next/link';
import { SiteHeader } from '@/app/_components/site-header';
import { ResetForm } from './reset-form';

export const metadata: Metadata = { title: '找回密码' };

export default function ForgotPasswordPage() {
  return (
    <>
      <SiteHeader />
      <main className="mx-auto max-w-md px-4 py-10">
        <div className="card">
          <h1 className="text-xl font-semibold">找回密码</h1>
          <p className="mt-1 text-sm text-slate-500">申请人可用注册手机号接收短信验证码，设置新密码。工作人员请联系安全管理员重置。</p>
          <ResetForm />
          <p className="mt-6 text-center text-sm text-slate-600">
            想起密码了？<Link href="/login" className="text-brand-600 hover:underline">返回登录</Link>
          </p>
        </div>
      </main>
    </>
  );
}
