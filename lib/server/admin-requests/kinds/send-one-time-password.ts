import type { Tx } from '@/db/client';
import { enqueueSms } from '@/lib/server/notifications/enqueue-sms';

/**
 * The one-time password reaches only the account holder: by SMS to the account's own mobile,
 * through the outbox (the gateway redacts the body once it is sent). No administrator, action
 * result or page ever carries it.
 */
export async function sendOneTimePassword(tx: Tx, to: { userId: string; mobile: string; username: string }, password: string, why: 'created' | 'reset', at: Date) {
  const body =
    why === 'created'
      ? `【开州就业】您的工作人员账号 ${to.username} 已开通，初始密码 ${password}，首次登录后须修改。请勿转告他人。`
      : `【开州就业】您的账号 ${to.username} 的密码已重置，临时密码 ${password}，首次登录后须修改。请勿转告他人。`;
  // A secret message: staff see only 验证码短信已发送; the drain alone reads the body and wipes it once sent.
  await enqueueSms(tx, { userId: to.userId, mobile: to.mobile, body, secret: true }, at);
}
