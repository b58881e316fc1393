import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import QRCode from 'qrcode';
import { AppShell } from '@/app/_components/app-shell';
import { getActor } from '@/lib/auth/session';
import { isStaffRole } from '@/lib/domain/roles';
import { getDb } from '@/lib/server/db';
import { startTotpEnrolment } from '@/lib/server/mfa/start-totp-enrolment';
import { TotpEnrolForm } from './totp-enrol-form';

export const metadata: Metadata = { title: '绑定身份验证器' };
export const dynamic = 'force-dynamic';

/** First login of a staff member (or after a reset): scan the QR code, confirm with a code, keep the recovery codes. */
export default async function MfaPage() {
  const actor = await getActor();
  if (!actor) redirect('/login?callbackUrl=%2Faccount%2Fmfa');
  if (actor.mustChangePassword) redirect('/account/password');
  if (!isStaffRole(actor.role) || !actor.mustEnrolMfa) redirect('/home');
  const { secret, uri } = await startTotpEnrolment(await getDb(), actor);
  const qr = await QRCode.toDataURL(uri, { margin: 1, width: 220 });
  return (
    <AppShell actor={actor}>
      <div className="mx-auto max-w-md space-y-4">
        <h1 className="text-xl font-semibold">绑定身份验证器</h1>
        <p role="note" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          工作人员每次登录都须输入身份验证器（如 Microsoft Authenticator、Google Authenticator、FreeOTP）上的 6 位动态验证码。请先完成绑定。
        </p>
        <div className="card space-y-3">
          <p className="text-sm">1. 用身份验证器扫描二维码：</p>
          {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL, nothing to optimise */}
          <img src={qr} alt="身份验证器绑定二维码" width={220} height={220} className="mx-auto" />
          <p className="text-sm">无法扫码时，手动输入密钥（基于时间，6 位，30 秒）：</p>
          <p className="break-all rounded bg-slate-100 px-3 py-2 font-mono text-sm" data-testid="totp-secret">{secret}</p>
        </div>
        <TotpEnrolForm />
      </div>
    </AppShell>
  );
}
