import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { organisations, users } from '@/db/schema';
import type { Role } from '@/db/schema/users';
import { seedReferenceData } from '@/db/seed';
import { generate } from 'otplib';
import { hashPassword } from '@/lib/server/crypto/password';
import { encryptPii, sealMobile } from '@/lib/server/crypto/pii';
import type { Actor } from '@/lib/server/auth/actor';

let n = 0;

/** The TOTP secret test staff enrol with (`createUser(…, { totp: true })`). */
export const TEST_TOTP_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

/**
 * A code that logs `username` in now, for tests that are not about the second factor: the
 * user's replay record is cleared first, so several logins in one 30-second step all pass.
 * (The replay guard itself is tested in mfa.test.ts without this.)
 */
export async function otpFor(db: Db, username: string): Promise<string> {
  await db.update(users).set({ totpLastStep: null }).where(eq(users.username, username));
  return generate({ secret: TEST_TOTP_SECRET });
}

/** Mark a test user as having enrolled the test TOTP secret (a staff session is then a full one). */
export async function enrolTotp(db: Db, userId: string): Promise<void> {
  await db.update(users).set({ totpSecretEnc: encryptPii(TEST_TOTP_SECRET), totpEnrolledAt: new Date() }).where(eq(users.id, userId));
}

export async function createUser(db: Db, opts: { role: Role; password?: string; orgCode?: string; username?: string; mobile?: string; totp?: boolean }) {
  n++;
  const [org] = opts.orgCode ? await db.select().from(organisations).where(eq(organisations.code, opts.orgCode)) : [];
  const [user] = await db
    .insert(users)
    .values({
      username: opts.username ?? `${opts.role}_${n}_${Math.random().toString(36).slice(2, 8)}`,
      ...(opts.mobile ? sealMobile(opts.mobile) : {}),
      realName: `测试${opts.role}`,
      role: opts.role,
      orgId: org?.id ?? null,
      passwordHash: await hashPassword(opts.password ?? 'Test-password-123'),
      ...(opts.totp ? { totpSecretEnc: encryptPii(TEST_TOTP_SECRET), totpEnrolledAt: new Date() } : {}),
    })
    .returning();
  return user;
}

export const actorOf = (u: { id: string; role: Role; orgId: number | null; realName: string }): Actor => ({
  userId: u.id,
  role: u.role,
  orgId: u.orgId,
  realName: u.realName,
  sessionId: 'test',
});

export async function ensureReferenceData(db: Db) {
  await seedReferenceData(db);
}

/** Row counts of the tables a refused call must not touch. */
export async function tableCounts(db: Db, tables = ['users', 'sessions', 'audit_log', 'rate_limits', 'applications', 'application_events', 'documents', 'notifications']) {
  const out: Record<string, number> = {};
  for (const t of tables) {
    const r = await db.execute(sql.raw(`select count(*)::int as n from ${t}`));
    out[t] = Number((r as unknown as { rows: { n: number }[] }).rows[0].n);
  }
  return out;
}
