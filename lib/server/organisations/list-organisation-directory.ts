import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { organisations, users } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import type { Actor } from '@/lib/server/auth/actor';

/** Every organisation with how many active staff accounts it has (the list is short: tens, not thousands). */
export async function listOrganisationDirectory(db: Db, actor: Actor) {
  if (!hasPermission(actor.role, 'admin:users')) throw new AppError('FORBIDDEN');
  return db
    .select({
      code: organisations.code,
      name: organisations.name,
      kind: organisations.kind,
      activeStaff: sql<number>`count(${users.id}) filter (where ${users.status} = 'active')::int`,
    })
    .from(organisations)
    .leftJoin(users, eq(users.orgId, organisations.id))
    .groupBy(organisations.id)
    .orderBy(asc(organisations.kind), asc(organisations.id));
}
