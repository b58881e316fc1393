import { and, eq, isNull } from 'drizzle-orm';
import { sessions, users } from '@/db/schema';
import { AppError } from '@/lib/errors/app-error';
import { hashPassword } from '@/lib/server/crypto/password';
import { openMobile } from '@/lib/server/crypto/pii';
import { temporaryPassword } from '@/lib/server/users/temporary-password';
import type { ProposeAdminRequest } from '@/lib/validation/admin-requests';
import type { AdminRequestHandler } from './handler';
import { sendOneTimePassword } from './send-one-time-password';

type Input = Extract<ProposeAdminRequest, { kind: 'reset_password' }>;

/**
 * 重置密码 (security administrator): someone who forgot their password or is locked out. On
 * approval the old password stops working, every open session ends, the lockout is lifted, and a
 * one-time password goes by SMS to the account's own mobile; the user must then choose a new one.
 */
export const resetPasswordRequest: AdminRequestHandler<Input> = {
  async prepare(tx, _actor, input) {
    const [u] = await tx.select({ id: users.id, username: users.username, realName: users.realName, mobileMasked: users.mobileMasked, role: users.role }).from(users).where(eq(users.id, input.userId));
    if (!u) throw new AppError('NOT_FOUND', { userMessage: '用户不存在' });
    if (!u.mobileMasked) throw new AppError('INVALID_INPUT', { userMessage: '该账号未登记手机号，临时密码无法送达本人；请先为其登记手机号' });
    // Applicants log in with their mobile: keep it masked in the request as in every list.
    const name = u.role === 'applicant' ? u.mobileMasked : u.username;
    return {
      subject: `user:${u.id}`,
      targetUserId: u.id,
      payload: { username: name, realName: u.realName, mobileMasked: u.mobileMasked },
      summary: `重置 ${u.realName}（${name}）的密码，临时密码短信发送至 ${u.mobileMasked}`,
    };
  },

  async apply(tx, request, at) {
    const userId = request.targetUserId!;
    const [u] = await tx.select({ username: users.username, role: users.role, mobileEnc: users.mobileEnc, mobileMasked: users.mobileMasked }).from(users).where(eq(users.id, userId)).for('update');
    if (!u) throw new AppError('NOT_FOUND', { userMessage: '用户不存在' });
    const mobile = openMobile(u.mobileEnc);
    if (!mobile) throw new AppError('INVALID_INPUT', { userMessage: '该账号未登记手机号，临时密码无法送达本人' });
    const password = temporaryPassword();
    await tx.update(users).set({ passwordHash: await hashPassword(password), mustChangePassword: true, passwordChangedAt: at }).where(eq(users.id, userId));
    await tx.update(sessions).set({ revokedAt: at }).where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
    // Its login failures are keyed with the password's date (authenticate-user): the new password starts them afresh.
    await sendOneTimePassword(tx, { userId, mobile, username: u.role === 'applicant' ? u.mobileMasked! : u.username }, password, 'reset', at);
    return { audit: { event: 'user.reset_password', objectType: 'user', objectId: userId, detail: { requestId: request.id, proposedBy: request.proposedBy } } };
  },
};
