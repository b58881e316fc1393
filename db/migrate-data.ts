import { eq, isNotNull } from 'drizzle-orm';
import type { Db } from './client';
import { users } from './schema';
import { sealMobile } from '@/lib/server/crypto/pii';
import { applicantUsername } from '@/lib/server/users/applicant-username';

const BATCH = 500;

/**
 * Data steps a SQL migration cannot do because they need the application's key. Idempotent:
 * each finds only what is still to do.
 *
 * Mobiles stored in clear before migration 0018 are sealed (ciphertext, blind index, masked
 * form) and the clear column emptied; an account whose login name was its mobile (applicants)
 * gets a handle instead — it keeps logging in with the mobile, looked up by its blind index.
 */
export async function migrateData(db: Db): Promise<{ mobilesSealed: number }> {
  let mobilesSealed = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      const rows = await tx
        .select({ id: users.id, username: users.username, legacyMobile: users.legacyMobile })
        .from(users)
        .where(isNotNull(users.legacyMobile))
        .limit(BATCH)
        .for('update', { skipLocked: true });
      for (const r of rows) {
        const mobile = r.legacyMobile!;
        await tx
          .update(users)
          .set({ ...sealMobile(mobile), legacyMobile: null, ...(r.username === mobile ? { username: applicantUsername(r.id) } : {}) })
          .where(eq(users.id, r.id));
      }
      return rows.length;
    });
    mobilesSealed += n;
    if (n < BATCH) return { mobilesSealed };
  }
}
