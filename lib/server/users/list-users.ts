import { and, asc, count, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { organisations, users } from '@/db/schema';
import type { Role } from '@/db/schema/users';
import { hasPermission } from '@/lib/auth/permissions';
import { validateMobile } from '@/lib/domain/validators';
import { mobileHash } from '@/lib/server/crypto/pii';
import { AppError } from '@/lib/errors/app-error';
import type { Actor } from '@/lib/server/auth/actor';

export interface ListUsersInput {
  q?: string;
  role?: Role;
  page?: number;
  pageSize?: number;
}

/** Users for the administrator's list: searchable, paged, personal data masked. */
export async function listUsers(db: Db, actor: Actor, input: ListUsersInput) {
  if (!hasPermission(actor.role, 'admin:view_users')) throw new AppError('FORBIDDEN');
  const pageSize = Math.min(Math.max(input.pageSize ?? 20, 1), 100);
  const page = Math.max(input.page ?? 1, 1);
  const filters: SQL[] = [];
  if (input.q) {
    const like = `%${input.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    // Mobiles are stored encrypted: a whole number is found by its blind index, never by a fragment.
    const mobile = validateMobile(input.q);
    filters.push(or(ilike(users.username, like), ilike(users.realName, like), ...(mobile.valid ? [eq(users.mobileHash, mobileHash(mobile.normalized))] : []))!);
  }
  if (input.role) filters.push(eq(users.role, input.role));
  const where = filters.length ? and(...filters) : undefined;
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: users.id,
        username: users.username,
        realName: users.realName,
        role: users.role,
        status: users.status,
        mobileMasked: users.mobileMasked,
        orgName: organisations.name,
        orgCode: organisations.code,
        lastLoginAt: users.lastLoginAt,
      })
      .from(users)
      .leftJoin(organisations, eq(organisations.id, users.orgId))
      .where(where)
      .orderBy(asc(users.role), asc(users.username))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: count() }).from(users).where(where),
  ]);
  return {
    rows: rows.map(({ mobileMasked, ...r }) => ({
      ...r,
      // Applicants log in with their mobile (their login name is a handle): show it masked.
      username: r.role === 'applicant' && mobileMasked ? mobileMasked : r.username,
      mobile: mobileMasked,
    })),
    total,
    page,
    pageSize,
  };
}
