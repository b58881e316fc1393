import { asc } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { organisations } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import type { Actor } from '@/lib/server/auth/actor';

export async function listOrganisations(db: Db, actor: Actor) {
  if (!hasPermission(actor.role, 'admin:view_users')) throw new AppError('FORBIDDEN');
  return db.select({ code: organisations.code, name: organisations.name, kind: organisations.kind }).from(organisations).orderBy(asc(organisations.id));
}
