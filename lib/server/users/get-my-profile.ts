import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { users } from '@/db/schema';
import type { Actor } from '@/lib/server/auth/actor';

/** The applicant's own real-name data as shown on the form: name and masked 身份证号. */
export async function getMyProfile(db: Db, actor: Actor) {
  const [me] = await db.select({ realName: users.realName, idNumberMasked: users.idNumberMasked }).from(users).where(eq(users.id, actor.userId));
  return { realName: me?.realName ?? actor.realName, idNumberMasked: me?.idNumberMasked ?? null };
}
