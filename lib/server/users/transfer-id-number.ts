import crypto from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { sessions, users } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { maskIdNumber } from '@/lib/domain/mask';
import { AppError } from '@/lib/errors/app-error';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';
import { auditActor, type Actor } from '@/lib/server/auth/actor';
import { now as clock } from '@/lib/server/clock';
import { blindIndex, encryptPii, mobileHash, sealMobile } from '@/lib/server/crypto/pii';
import { hashPassword } from '@/lib/server/crypto/password';
import { enqueueSms } from '@/lib/server/notifications/enqueue-sms';
import { parseOrThrow } from '@/lib/server/review/parse-or-throw';
import { ZTransferIdNumberSchema } from '@/lib/validation/identity';
import { applicantUsername } from './applicant-username';

export interface TransferIdNumberResult {
  idNumberMasked: string;
  fromMobileMasked: string | null;
  toMobileMasked: string;
  /** The owner had no account: one was opened with that mobile (its password is set by SMS, 找回密码). */
  accountOpened: boolean;
}

/**
 * 身份证号 moved to its owner (HR, `identity:transfer_id_number`), after the owner's identity card
 * was checked in person at the counter: the account that registered the number (the squatter's)
 * loses it — and its sessions, so it can apply with nothing until it is sorted out — and the
 * owner's account, found by mobile or opened for it, gains it. One transaction, one audit row
 * naming both accounts. The owner gets an SMS telling them to set their password with
 * 找回密码 (nobody at the counter ever learns or sets it).
 *
 * Refused, writing nothing: without the permission; when no account holds the number (the
 * owner simply registers online); when the owner's mobile belongs to a staff account, to the
 * squatting account itself, or to an account that already has a 身份证号.
 */
export async function transferIdNumber(db: Db, actor: Actor, raw: unknown): Promise<TransferIdNumberResult> {
  if (!hasPermission(actor.role, 'identity:transfer_id_number')) throw new AppError('FORBIDDEN');
  const input = parseOrThrow(ZTransferIdNumberSchema, raw);
  const idHash = blindIndex('id', input.idNumber);
  const toHash = mobileHash(input.mobile);
  const unusablePassword = await hashPassword(crypto.randomBytes(32).toString('base64url'));
  const t = clock();
  return db.transaction(async (tx) => {
    const [from] = await tx.select({ id: users.id, mobileMasked: users.mobileMasked }).from(users).where(eq(users.idNumberHash, idHash)).for('update');
    if (!from) throw new AppError('NOT_FOUND', { userMessage: '没有账号登记此身份证号：请本人直接在网上注册', fieldErrors: { idNumber: '没有账号登记此身份证号' } });
    const [to] = await tx.select({ id: users.id, role: users.role, idNumberHash: users.idNumberHash }).from(users).where(eq(users.mobileHash, toHash)).for('update');
    if (to && (to.id === from.id || to.role !== 'applicant' || to.idNumberHash)) {
      throw new AppError('CONFLICT', { userMessage: '该手机号已属于另一个已登记身份证号的账号或工作人员账号，无法办理；请核实手机号', fieldErrors: { mobile: '该手机号不能用于此次办理' } });
    }
    // The squatting account first gives the number up (the unique index allows one holder).
    await tx.update(users).set({ idNumberHash: null, idNumberEnc: null, idNumberMasked: null }).where(eq(users.id, from.id));
    await tx.update(sessions).set({ revokedAt: t }).where(and(eq(sessions.userId, from.id), isNull(sessions.revokedAt)));
    const id = { idNumberHash: idHash, idNumberEnc: encryptPii(input.idNumber), idNumberMasked: maskIdNumber(input.idNumber) };
    let ownerId: string;
    if (to) {
      ownerId = to.id;
      await tx.update(users).set({ ...id, realName: input.realName }).where(eq(users.id, to.id));
    } else {
      ownerId = crypto.randomUUID();
      await tx.insert(users).values({ id: ownerId, username: applicantUsername(ownerId), ...sealMobile(input.mobile), ...id, realName: input.realName, role: 'applicant', passwordHash: unusablePassword, createdAt: t, passwordChangedAt: t });
    }
    await enqueueSms(tx, { userId: ownerId, mobile: input.mobile, body: '【开州就业】您的身份证号已经开州区就业和人才中心当面核验，绑定到本手机号的账号。请在服务平台登录页点击“忘记密码”，用本手机号设置登录密码。' }, t);
    await writeAuditLog(
      tx,
      {
        actor: auditActor(actor),
        event: 'user.transfer_id_number',
        objectType: 'user',
        objectId: ownerId,
        detail: { from: from.id, to: ownerId, idNumberMasked: id.idNumberMasked, accountOpened: !to, note: input.note, checkedInPerson: true },
      },
      t,
    );
    return { idNumberMasked: id.idNumberMasked, fromMobileMasked: from.mobileMasked, toMobileMasked: sealMobile(input.mobile).mobileMasked, accountOpened: !to };
  });
}
