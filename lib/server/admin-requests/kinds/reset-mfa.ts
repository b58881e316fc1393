import { and, eq, isNull } from 'drizzle-orm';
import { mfaRecoveryCodes, sessions, users } from '@/db/schema';
import { isStaffRole } from '@/lib/domain/roles';
import { AppError } from '@/lib/errors/app-error';
import type { ProposeAdminRequest } from '@/lib/validation/admin-requests';
import type { AdminRequestHandler } from './handler';

type Input = Extract<ProposeAdminRequest, { kind: 'reset_mfa' }>;

/**
 * 重置身份验证器 (security administrator): a staff member lost the phone and the recovery codes.
 * On approval by a second security administrator the TOTP secret and every recovery code are
 * removed and every open session ends; the next login (password first) leads straight to a new
 * enrolment. No secret or code passes through an administrator.
 */
export const resetMfaRequest: AdminRequestHandler<Input> = {
  async prepare(tx, _actor, input) {
    const [u] = await tx.select({ id: users.id, username: users.username, realName: users.realName, role: users.role, enrolledAt: users.totpEnrolledAt }).from(users).where(eq(users.id, input.userId));
    if (!u) throw new AppError('NOT_FOUND', { userMessage: '用户不存在' });
    if (!isStaffRole(u.role)) throw new AppError('INVALID_INPUT', { userMessage: '申请人账号不使用身份验证器' });
    if (!u.enrolledAt) throw new AppError('INVALID_INPUT', { userMessage: '该账号尚未绑定身份验证器，无需重置' });
    return {
      subject: `user:${u.id}`,
      targetUserId: u.id,
      payload: { username: u.username, realName: u.realName },
      summary: `重置 ${u.realName}（${u.username}）的身份验证器：下次登录时重新绑定`,
    };
  },

  async apply(tx, request, at) {
    const userId = request.targetUserId!;
    const [u] = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update');
    if (!u) throw new AppError('NOT_FOUND', { userMessage: '用户不存在' });
    await tx.update(users).set({ totpSecretEnc: null, totpPendingEnc: null, totpLastStep: null, totpEnrolledAt: null }).where(eq(users.id, userId));
    const removed = await tx.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, userId)).returning({ id: mfaRecoveryCodes.id });
    await tx.update(sessions).set({ revokedAt: at }).where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
    return { audit: { event: 'user.reset_mfa', objectType: 'user', objectId: userId, detail: { requestId: request.id, proposedBy: request.proposedBy, recoveryCodesRemoved: removed.length } } };
  },
};
