import type { Metadata } from 'next';
import Link from 'next/link';
import { SiteHeader } from '@/app/_components/site-header';
import { safeCallbackPath } from '@/lib/domain/safe-callback';
import { siteOrigin } from '@/lib/auth/site-origin';
import { LoginForm } from './login-form';

export const metadata: Metadata = { title: '登录' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  return (
    <>
      <SiteHeader />
      <main className="mx-auto max-w-md px-4 py-10">
        <div className="card">
          <h1 className="text-xl font-semibold">登录</h1>
          <p className="mt-1 text-sm text-slate-500">申请人请使用手机号登录；工作人员使用分配的用户名。</p>
          {sp.registered && (
            <p role="status" className="mt-4 rounded-md bg-green-50 px-3 py-2 text-sm text-green-700">注册成功，请登录。</p>
          )}
          {sp.reset && (
            <p role="status" className="mt-4 rounded-md bg-green-50 px-3 py-2 text-sm text-green-700">密码已重置，请用新密码登录。</p>
          )}
          {sp.expired && (
            <p role="status" className="mt-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">登录已过期，请重新登录。</p>
          )}
          <LoginForm callbackUrl={safeCallbackPath(sp.callbackUrl, siteOrigin())} />
          <p className="mt-4 text-right text-sm">
            <Link href="/forgot-password" className="text-brand-600 hover:underline">忘记密码？</Link>
          </p>
          <p className="mt-4 text-center text-sm text-slate-600">
            还没有账号？<Link href="/register" className="text-brand-600 hover:underline">申请人注册</Link>
          </p>
        </div>
      </main>
    </>
  );
}
