import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { organisations, users } from '@/db/schema';
import type { Role } from '@/db/schema/users';
import { seedReferenceData } from '@/db/seed';
import { hashPassword } from '@/lib/server/crypto/password';
import type { Actor } from '@/lib/server/auth/actor';

let n = 0;

export async function createUser(db: Db, opts: { role: Role; password?: string; orgCode?: string; username?: string; mobile?: string }) {
  n++;
  const [org] = opts.orgCode ? await db.select().from(organisations).where(eq(organisations.code, opts.orgCode)) : [];
  const [user] = await db
    .insert(users)
    .values({
      username: opts.username ?? `${opts.role}_${n}_${Math.random().toString(36).slice(2, 8)}`,
      mobile: opts.mobile ?? null,
      realName: `测试${opts.role}`,
      role: opts.role,
      orgId: org?.id ?? null,
      passwordHash: await hashPassword(opts.password ?? 'Test-password-123'),
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
export async function tableCounts(db: Db, tables = ['users', 'sessions', 'audit_log', 'login_throttles', 'applications', 'application_events', 'documents', 'notifications']) {
  const out: Record<string, number> = {};
  for (const t of tables) {
    const r = await db.execute(sql.raw(`select count(*)::int as n from ${t}`));
    out[t] = Number((r as unknown as { rows: { n: number }[] }).rows[0].n);
  }
  return out;
}
