import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { auditLog, smsOutbox, users } from '@/db/schema';
import { seedReferenceData } from '@/db/seed';
import { bootstrapAdministrator } from '@/lib/server/users/bootstrap-administrator';
import { tableCounts } from '../helpers/factories';
import { describeDb } from '../helpers/test-db';

describeDb('admin:create — the first administrators of a deployment without demo data', (ctx) => {
  const db = () => ctx.h.db;
  beforeAll(async () => {
    await seedReferenceData(db());
  });
  const counts = () => tableCounts(db(), ['users', 'audit_log', 'sms_outbox']);

  it('creates an administrator who must change the one-time password (sent by SMS) and enrol a second factor; audited as the system', async () => {
    const r = await bootstrapAdministrator(db(), { username: 'first.admin', realName: '张管理', mobile: '13911110001', role: 'admin' });
    expect(r.password).toBeUndefined();
    const [u] = await db().select().from(users).where(eq(users.id, r.userId));
    expect(u).toMatchObject({ username: 'first.admin', role: 'admin', mustChangePassword: true, totpEnrolledAt: null, status: 'active' });
    const [sms] = await db().select().from(smsOutbox).where(eq(smsOutbox.userId, r.userId));
    expect(sms).toMatchObject({ mobile: '13911110001', status: 'pending' });
    const [audit] = await db().select().from(auditLog).where(eq(auditLog.objectId, r.userId));
    expect(audit).toMatchObject({ event: 'user.bootstrap', actorId: null, result: 'success' });
    expect(JSON.stringify(audit.detail)).not.toContain('13911110001');
  });

  it('prints the password instead when asked, and stops at two of a kind; refusals write nothing', async () => {
    const second = await bootstrapAdministrator(db(), { username: 'second.admin', realName: '李管理', mobile: '13911110002', role: 'admin' }, { print: true });
    expect(second.password).toMatch(/.{10,}/);
    const before = await counts();
    await expect(bootstrapAdministrator(db(), { username: 'third.admin', realName: '王管理', mobile: '13911110003', role: 'admin' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(bootstrapAdministrator(db(), { username: 'first.admin', realName: '赵安全', mobile: '13911110004', role: 'security_admin' })).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
    await expect(bootstrapAdministrator(db(), { username: 'x', realName: '赵安全', mobile: '123', role: 'security_admin' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(bootstrapAdministrator(db(), { username: 'applicant1', realName: '赵申请', mobile: '13911110005', role: 'applicant' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await counts()).toEqual(before);
    const sec = await bootstrapAdministrator(db(), { username: 'first.security', realName: '赵安全', mobile: '13911110004', role: 'security_admin' });
    const [u] = await db().select().from(users).where(eq(users.id, sec.userId));
    expect(u.role).toBe('security_admin');
  });
});
