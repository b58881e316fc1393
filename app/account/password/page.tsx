import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AppShell } from '@/app/_components/app-shell';
import { getActor } from '@/lib/auth/session';
import { PasswordForm } from './password-form';

export const metadata: Metadata = { title: '修改密码' };
export const dynamic = 'force-dynamic';

export default async function PasswordPage() {
  const actor = await getActor();
  if (!actor) redirect('/login?callbackUrl=%2Faccount%2Fpassword');
  return (
    <AppShell actor={actor}>
      <div className="mx-auto max-w-md space-y-4">
        <h1 className="text-xl font-semibold">修改密码</h1>
        {actor.mustChangePassword && <p role="note" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">这是管理员为您设置的初始密码，请先修改密码后再使用系统。</p>}
        <PasswordForm staff={actor.role !== 'applicant'} />
      </div>
    </AppShell>
  );
}
