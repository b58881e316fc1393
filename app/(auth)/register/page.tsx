import type { Metadata } from 'next';
import Link from 'next/link';
import { SiteHeader } from '@/app/_components/site-header';
import { RegisterForm } from './register-form';

export const metadata: Metadata = { title: '申请人注册' };

export default function RegisterPage() {
  return (
    <>
      <SiteHeader />
      <main className="mx-auto max-w-md px-4 py-10">
        <div className="card">
          <h1 className="text-xl font-semibold">申请人注册</h1>
          <p className="mt-1 text-sm text-slate-500">先验证本人手机号，再填写真实姓名和居民身份证号码，用于贷款资格审核。</p>
          <RegisterForm />
          <p className="mt-6 text-center text-sm text-slate-600">
            已有账号？<Link href="/login" className="text-brand-600 hover:underline">直接登录</Link>
          </p>
        </div>
      </main>
    </>
  );
}
