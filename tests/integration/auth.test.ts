import { eq } from 'drizzle-orm';
import { afterEach, beforeAll, expect, it, vi } from 'vitest';
import { users, sessions } from '@/db/schema';
import { authenticateUser } from '@/lib/server/auth/authenticate-user';
import { resolveSession } from '@/lib/server/auth/resolve-session';
import { endSession } from '@/lib/server/auth/end-session';
import { setUserStatus } from '@/lib/server/users/set-user-status';
import { verifyAuditChain } from '@/lib/server/audit/verify-audit-chain';
import { describeDb } from '../helpers/test-db';
import { actorOf, createUser, ensureReferenceData, tableCounts } from '../helpers/factories';

const PW = 'Test-password-123';

describeDb('authentication and sessions', (ctx) => {
  beforeAll(async () => ensureReferenceData(ctx.h.db));
  afterEach(() => vi.useRealTimers());

  it('AUTH-05 stores argon2id (m=19456, t=2, p=1) and never the password', async () => {
    const u = await createUser(ctx.h.db, { role: 'hr_reviewer', password: PW });
    expect(u.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const hits = await ctx.h.query(`select 1 from users where password_hash like '%' || $1 || '%'`, [PW]);
    expect(hits).toHaveLength(0);
  });

  it('logs in by username or by mobile and resolves the session to the actor from the database', async () => {
    const u = await createUser(ctx.h.db, { role: 'applicant', mobile: '13912345678', username: '13912345678' });
    const byMobile = await authenticateUser(ctx.h.db, { identifier: '+86 139-1234-5678', password: PW });
    expect(byMobile.userId).toBe(u.id);
    const staff = await createUser(ctx.h.db, { role: 'finance_officer', username: 'fin_login', orgCode: 'KZ-FIN' });
    const byName = await authenticateUser(ctx.h.db, { identifier: 'FIN_login', password: PW });
    const actor = await resolveSession(ctx.h.db, byName.sessionId);
    expect(actor).toMatchObject({ userId: staff.id, role: 'finance_officer', orgId: staff.orgId });
    expect(await resolveSession(ctx.h.db, 'not-a-session')).toBeNull();
  });

  it('AUTH-03 locks after 5 failures, refuses the right password while locked, and unlocks after the lock period', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-01T08:00:00Z'));
    await createUser(ctx.h.db, { role: 'bank_officer', username: 'lockme' });
    for (let i = 0; i < 4; i++) {
      await expect(authenticateUser(ctx.h.db, { identifier: 'lockme', password: 'wrong' })).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    }
    await expect(authenticateUser(ctx.h.db, { identifier: 'lockme', password: 'wrong' })).rejects.toMatchObject({ code: 'ACCOUNT_LOCKED' });
    await expect(authenticateUser(ctx.h.db, { identifier: 'lockme', password: PW })).rejects.toMatchObject({ code: 'ACCOUNT_LOCKED' });
    vi.setSystemTime(new Date('2026-03-01T08:14:59Z'));
    await expect(authenticateUser(ctx.h.db, { identifier: 'lockme', password: PW })).rejects.toMatchObject({ code: 'ACCOUNT_LOCKED' });
    vi.setSystemTime(new Date('2026-03-01T08:15:01Z'));
    await expect(authenticateUser(ctx.h.db, { identifier: 'lockme', password: PW })).resolves.toMatchObject({ role: 'bank_officer' });
    const lockouts = await ctx.h.query(`select 1 from audit_log where event = 'auth.lockout'`);
    expect(lockouts.length).toBeGreaterThanOrEqual(1);
  });

  it('AUTH-04 an unknown name fails and locks out exactly like a real one', async () => {
    const errors: string[] = [];
    for (let i = 0; i < 6; i++) {
      errors.push(await authenticateUser(ctx.h.db, { identifier: 'nobody-here', password: 'x' }).catch((e) => e.code));
    }
    expect(errors).toEqual(['INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'ACCOUNT_LOCKED', 'ACCOUNT_LOCKED']);
  });

  it('SESS-01 ends a session after 30 idle minutes and after 12 hours of activity', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-04-01T00:00:00Z'));
    await createUser(ctx.h.db, { role: 'hr_reviewer', username: 'idle' });
    const idle = await authenticateUser(ctx.h.db, { identifier: 'idle', password: PW });
    vi.setSystemTime(new Date('2026-04-01T00:29:00Z'));
    expect(await resolveSession(ctx.h.db, idle.sessionId)).not.toBeNull();
    vi.setSystemTime(new Date('2026-04-01T00:59:30Z'));
    expect(await resolveSession(ctx.h.db, idle.sessionId)).toBeNull();

    vi.setSystemTime(new Date('2026-04-02T00:00:00Z'));
    const busy = await authenticateUser(ctx.h.db, { identifier: 'idle', password: PW });
    for (let m = 20; m < 12 * 60; m += 20) {
      vi.setSystemTime(new Date(Date.parse('2026-04-02T00:00:00Z') + m * 60_000));
      expect(await resolveSession(ctx.h.db, busy.sessionId)).not.toBeNull();
    }
    vi.setSystemTime(new Date('2026-04-02T12:00:01Z'));
    expect(await resolveSession(ctx.h.db, busy.sessionId)).toBeNull();
  });

  it('SESS-02 logout, disable and role change take effect on the next request', async () => {
    const admin = await createUser(ctx.h.db, { role: 'admin', username: 'admin_x' });
    const u = await createUser(ctx.h.db, { role: 'bank_officer', username: 'sess2', orgCode: 'BANK-ABC-KZ' });

    const s1 = await authenticateUser(ctx.h.db, { identifier: 'sess2', password: PW });
    await endSession(ctx.h.db, s1.sessionId);
    expect(await resolveSession(ctx.h.db, s1.sessionId)).toBeNull();

    const s2 = await authenticateUser(ctx.h.db, { identifier: 'sess2', password: PW });
    await ctx.h.db.update(users).set({ role: 'hr_reviewer' }).where(eq(users.id, u.id));
    expect((await resolveSession(ctx.h.db, s2.sessionId))?.role).toBe('hr_reviewer');

    await setUserStatus(ctx.h.db, actorOf(admin), { userId: u.id, status: 'disabled' });
    expect(await resolveSession(ctx.h.db, s2.sessionId)).toBeNull();
    const [revoked] = await ctx.h.db.select().from(sessions).where(eq(sessions.id, s2.sessionId));
    expect(revoked.revokedAt).not.toBeNull();
    await expect(authenticateUser(ctx.h.db, { identifier: 'sess2', password: PW })).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
  });

  it('a non-admin cannot disable anyone, and the refused call writes nothing', async () => {
    const bank = await createUser(ctx.h.db, { role: 'bank_officer' });
    const victim = await createUser(ctx.h.db, { role: 'hr_reviewer' });
    const before = await tableCounts(ctx.h.db);
    await expect(setUserStatus(ctx.h.db, actorOf(bank), { userId: victim.id, status: 'disabled' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await tableCounts(ctx.h.db)).toEqual(before);
    const [still] = await ctx.h.db.select({ status: users.status }).from(users).where(eq(users.id, victim.id));
    expect(still.status).toBe('active');
  });

  it('every login, failure and lockout above left a verifiable audit chain', async () => {
    const r = await verifyAuditChain(ctx.h.db);
    expect(r.ok).toBe(true);
    expect(r.rows).toBeGreaterThan(10);
  });
});
